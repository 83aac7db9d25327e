/* enums.c: the spellings of every enumeration of the incident format. */
#include <stddef.h>

#include "reportgen.h"

const char *const rg_export_text_names[] = {"summary", "none", "all", NULL};
const char *const rg_tlp_names[] = {NULL, "clear", "green", "amber", "amber+strict", "red", NULL};
const char *const rg_level_names[] = {NULL,   "informational", "low", "medium",
                                      "high", "critical",      NULL};
const char *const rg_verdict_names[] = {NULL,     "true-positive", "false-positive",
                                        "benign", "undetermined",  NULL};
const char *const rg_status_names[] = {NULL,         "open",      "investigating", "contained",
                                       "eradicated", "recovered", "closed",        NULL};
const char *const rg_device_action_names[] = {NULL,       "allowed", "blocked", "quarantined",
                                              "detected", "unknown", NULL};
const char *const rg_asset_kind_names[] = {NULL,      "host",  "account", "server",
                                           "network", "cloud", NULL};
const char *const rg_asset_status_names[] = {NULL,        "unaffected", "suspected", "compromised",
                                             "contained", "recovered",  NULL};
const char *const rg_disposition_names[] = {NULL,     "malicious", "suspicious",
                                            "benign", "unknown",   NULL};
const char *const rg_action_status_names[] = {NULL,   "planned", "recommended", "in-progress",
                                              "done", "failed",  "not-needed",  NULL};
const char *const rg_ioc_type_names[] = {
        NULL,       "ipv4",     "ipv6",     "cidr",    "domain", "hostname",   "url",
        "uri-path", "email",    "md5",      "sha1",    "sha256", "sha512",     "ssdeep",
        "filename", "filepath", "registry", "process", "user",   "user-agent", "port",
        "socket",   "asn",      "cve",      "mac",     "string", NULL};
const char *const rg_relation_names[] = {
        NULL,       "resolves-to", "communicates-with", "drops",      "downloads",
        "contains", "sent-from",   "creates",           "related-to", NULL};
const char *const rg_anchor_names[] = {"alert",        "assets",   "emails",      "detection",
                                       "verification", "analysis", "containment", "eradication",
                                       "recovery",     "summary",  "timeline",    "lessons",
                                       "remediation",  NULL};
const char *const rg_milestone_names[] = {NULL,        "first-activity", "compromise", "detected",
                                          "reported",  "triaged",        "contained",  "eradicated",
                                          "recovered", "closed",         NULL};
const char *const rg_metric_names[] = {"detect",  "triage", "contain", "dwell",
                                       "recover", "close",  NULL};
