/* suggest.c: the one edit distance behind every "did you mean" hint, and enum synonyms. */
#include <stdbool.h>
#include <string.h>

#include "reportgen.h"
#include "suggest.h"

static int suggest_fold(int c, unsigned flags)
{
	return (flags & SUGGEST_NOCASE) && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

unsigned suggest_distance(const char *a, const char *b, unsigned flags)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > SUGGEST_MAXLEN || lb > SUGGEST_MAXLEN)
		return SUGGEST_FAR;
	unsigned d[SUGGEST_MAXLEN + 1][SUGGEST_MAXLEN + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int ca = suggest_fold((unsigned char)a[i - 1], flags),
			    cb = suggest_fold((unsigned char)b[j - 1], flags);
			unsigned best = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if ((flags & SUGGEST_TRANSPOSE) && i > 1 && j > 1 &&
			    ca == suggest_fold((unsigned char)b[j - 2], flags) &&
			    suggest_fold((unsigned char)a[i - 2], flags) == cb &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] > SUGGEST_FAR ? SUGGEST_FAR : d[la][lb];
}

const char *suggest_name(const char *s, const char *const *names, size_t n)
{
	size_t len = strlen(s);
	unsigned limit = len <= 3 ? 1 : len <= 6 ? 2 : 3, best = SUGGEST_FAR + 1;
	const char *pick = NULL;
	for (size_t i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		unsigned d = suggest_distance(s, names[i], SUGGEST_DOC);
		if (d < best && d <= limit && d < len && d < strlen(names[i])) {
			best = d;
			pick = names[i];
		}
	}
	return pick;
}

/* Words analysts write for a value of an enumeration: names is the rg_*_names array. */
static const struct suggest_synonym {
	const char *const *names;
	const char *word, *value;
} suggest_synonyms[] = {
        {rg_action_status_names, "completed", "done"},
        {rg_action_status_names, "complete", "done"},
        {rg_action_status_names, "closed", "done"},
        {rg_action_status_names, "finished", "done"},
        {rg_action_status_names, "resolved", "done"},
        {rg_action_status_names, "fixed", "done"},
        {rg_action_status_names, "ongoing", "in-progress"},
        {rg_action_status_names, "started", "in-progress"},
        {rg_action_status_names, "running", "in-progress"},
        {rg_action_status_names, "wip", "in-progress"},
        {rg_action_status_names, "todo", "planned"},
        {rg_action_status_names, "pending", "planned"},
        {rg_action_status_names, "scheduled", "planned"},
        {rg_action_status_names, "open", "planned"},
        {rg_action_status_names, "suggested", "recommended"},
        {rg_action_status_names, "proposed", "recommended"},
        {rg_action_status_names, "n/a", "not-needed"},
        {rg_action_status_names, "none", "not-needed"},
        {rg_action_status_names, "unnecessary", "not-needed"},
        {rg_action_status_names, "skipped", "not-needed"},
        {rg_action_status_names, "error", "failed"},
        {rg_status_names, "completed", "closed"},
        {rg_status_names, "done", "closed"},
        {rg_status_names, "resolved", "closed"},
        {rg_status_names, "finished", "closed"},
        {rg_status_names, "ongoing", "investigating"},
        {rg_status_names, "in-progress", "investigating"},
        {rg_status_names, "active", "investigating"},
        {rg_status_names, "new", "open"},
        {rg_status_names, "remediated", "eradicated"},
        {rg_status_names, "restored", "recovered"},
        {rg_asset_status_names, "infected", "compromised"},
        {rg_asset_status_names, "breached", "compromised"},
        {rg_asset_status_names, "affected", "compromised"},
        {rg_asset_status_names, "clean", "unaffected"},
        {rg_asset_status_names, "isolated", "contained"},
        {rg_asset_status_names, "quarantined", "contained"},
        {rg_asset_status_names, "restored", "recovered"},
        {rg_verdict_names, "tp", "true-positive"},
        {rg_verdict_names, "fp", "false-positive"},
        {rg_verdict_names, "inconclusive", "undetermined"},
        {rg_verdict_names, "unknown", "undetermined"},
        {rg_level_names, "info", "informational"},
        {rg_level_names, "moderate", "medium"},
        {rg_level_names, "med", "medium"},
        {rg_level_names, "crit", "critical"},
        {rg_level_names, "severe", "critical"},
        {rg_device_action_names, "block", "blocked"},
        {rg_device_action_names, "denied", "blocked"},
        {rg_device_action_names, "dropped", "blocked"},
        {rg_device_action_names, "prevented", "blocked"},
        {rg_device_action_names, "allow", "allowed"},
        {rg_device_action_names, "permitted", "allowed"},
        {rg_device_action_names, "passed", "allowed"},
        {rg_device_action_names, "quarantine", "quarantined"},
        {rg_device_action_names, "alerted", "detected"},
        {rg_device_action_names, "logged", "detected"},
        {rg_disposition_names, "bad", "malicious"},
        {rg_disposition_names, "malware", "malicious"},
        {rg_disposition_names, "clean", "benign"},
        {rg_disposition_names, "legitimate", "benign"},
        {rg_disposition_names, "safe", "benign"},
        {rg_disposition_names, "suspect", "suspicious"},
        {rg_tlp_names, "white", "clear"},
        {rg_ioc_type_names, "ip", "ipv4"},
        {rg_ioc_type_names, "ipaddress", "ipv4"},
        {rg_ioc_type_names, "fqdn", "domain"},
        {rg_ioc_type_names, "domainname", "domain"},
        {rg_ioc_type_names, "host", "hostname"},
        {rg_ioc_type_names, "link", "url"},
        {rg_ioc_type_names, "mail", "email"},
        {rg_ioc_type_names, "file", "filename"},
        {rg_ioc_type_names, "path", "filepath"},
        {rg_ioc_type_names, "registrykey", "registry"},
        {rg_ioc_type_names, "useragent", "user-agent"},
        {rg_ioc_type_names, "username", "user"},
        {rg_ioc_type_names, "account", "user"},
        {rg_asset_kind_names, "workstation", "host"},
        {rg_asset_kind_names, "endpoint", "host"},
        {rg_asset_kind_names, "laptop", "host"},
        {rg_asset_kind_names, "user", "account"},
};

/* a and b are the same word, ignoring ASCII case, spaces, "_" and "-". */
static bool suggest_same_word(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '_' || *a == '-')
			a++;
		while (*b == ' ' || *b == '_' || *b == '-')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (suggest_fold((unsigned char)*a++, SUGGEST_NOCASE) !=
		    suggest_fold((unsigned char)*b++, SUGGEST_NOCASE))
			return false;
	}
}

const char *suggest_synonym(const char *s, const char *const *names)
{
	for (size_t i = names[0] == NULL ? 1 : 0; names[i] != NULL; i++)
		if (suggest_same_word(s, names[i])) /* "In Progress" for in-progress */
			return names[i];
	for (size_t i = 0; i < sizeof(suggest_synonyms) / sizeof(suggest_synonyms[0]); i++) {
		const struct suggest_synonym *r = &suggest_synonyms[i];
		if ((names == r->names || names == r->names + 1) && suggest_same_word(s, r->word))
			return r->value;
	}
	return NULL;
}
