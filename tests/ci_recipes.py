#!/usr/bin/python3
"""ci_recipes.py BINARY SOURCE_DIR: the CI recipes in examples/ci/ and .pre-commit-hooks.yaml
are valid YAML and their reportgen commands work: each `run:`/`script:` line that calls
reportgen runs against a copy of examples/ (as incidents/), every shard of the matrix, and the
outputs of the shards together are every incident's outputs, once. The pre-commit hook runs
on the incidents, fails on an invalid one, and, where Debian's pre-commit is installed, runs
through `pre-commit try-repo`."""
import glob, json, os, re, shutil, subprocess, sys, tempfile

import yaml

binary, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def reportgen_lines(cmds):
    """The shell lines that call reportgen."""
    out = []
    for c in cmds:
        for line in str(c).splitlines():
            if re.search(r"(^|&& |; )reportgen ", line.strip()):
                out.append(line.strip())
    return out


def workdir():
    d = tempfile.mkdtemp(prefix="rg-recipes-")
    os.mkdir(os.path.join(d, "bin"))
    os.symlink(binary, os.path.join(d, "bin", "reportgen"))
    shutil.copytree(os.path.join(src, "examples"), os.path.join(d, "incidents"),
                    ignore=shutil.ignore_patterns("ci"))
    return d


def sh(d, line, env=None):
    e = dict(os.environ, PATH=os.path.join(d, "bin") + ":" + os.environ["PATH"], **(env or {}))
    return subprocess.run(["bash", "-c", line], cwd=d, env=e, capture_output=True, text=True)


def outputs(d):
    return sorted(os.path.relpath(p, d) for p in glob.glob(os.path.join(d, "reports", "*")))


incidents = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(src, "examples", "*.yaml")))
expected = sorted("reports/" + s + e for s in incidents for e in (".pdf", ".stix.json", ".stix.xml"))

# GitHub Actions: check with annotations, render every shard of the matrix
gh = yaml.safe_load(open(os.path.join(src, "examples/ci/github-actions.yml")))
d = workdir()
for job in gh["jobs"].values():
    shards = job.get("strategy", {}).get("matrix", {}).get("shard", [None])
    for line in reportgen_lines(s.get("run", "") for s in job["steps"]):
        for k in shards:
            cmd = line.replace("${{ matrix.shard }}", str(k))
            r = sh(d, cmd, {"SOURCE_DATE_EPOCH": "1726574700"})
            if r.returncode != 0:
                fail(f"github: `{cmd}` exited {r.returncode}: {r.stderr[:300]}")
            for out in r.stdout.splitlines():
                if out.startswith("::") and not re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+(,[a-z]+=[^,:]*)*::.", out):
                    fail(f"github: not an annotation: {out}")
if outputs(d) != expected:
    fail(f"github: the shards wrote {outputs(d)}, not every incident's outputs once")
shutil.rmtree(d)

# GitLab CI: the code-quality report, then the parallel jobs
gl = yaml.safe_load(open(os.path.join(src, "examples/ci/gitlab-ci.yml")))
d = workdir()
for name, job in gl.items():
    if not isinstance(job, dict) or "script" not in job:
        continue
    total = job.get("parallel", 1)
    for line in reportgen_lines(job["script"]):
        for k in range(1, total + 1):
            r = sh(d, line, {"CI_NODE_INDEX": str(k), "CI_NODE_TOTAL": str(total),
                             "SOURCE_DATE_EPOCH": "1726574700"})
            if r.returncode != 0:
                fail(f"gitlab {name}: `{line}` exited {r.returncode}: {r.stderr[:300]}")
    for art in job.get("artifacts", {}).get("reports", {}).values():
        try:
            report = json.load(open(os.path.join(d, art)))
            if not isinstance(report, list):
                fail(f"gitlab {name}: {art} is not a list")
        except (OSError, ValueError) as e:
            fail(f"gitlab {name}: {art}: {e}")
if outputs(d) != expected:
    fail(f"gitlab: the parallel jobs wrote {outputs(d)}, not every incident's outputs once")
shutil.rmtree(d)

# pre-commit: the hook's entry on the incidents, and on an invalid one
hooks = yaml.safe_load(open(os.path.join(src, ".pre-commit-hooks.yaml")))
hook = next(h for h in hooks if h["id"] == "reportgen-check")
d = workdir()
files = sorted(glob.glob("incidents/*.yaml", root_dir=d))
pattern = re.compile(hook["files"])
if not all(pattern.search(f) for f in files):
    fail("pre-commit: the hook's files pattern does not match incidents/")
r = sh(d, hook["entry"] + " " + " ".join(files))
if r.returncode != 0:
    fail(f"pre-commit: entry on the incidents exited {r.returncode}: {r.stderr[:300]}")
open(os.path.join(d, "incidents", "broken.yaml"), "w").write("reportgen: 1\nreport: {}\n")
r = sh(d, hook["entry"] + " incidents/broken.yaml")
if r.returncode != 1 or "broken.yaml:2:" not in r.stderr:
    fail(f"pre-commit: entry on an invalid incident exited {r.returncode}: {r.stderr[:300]}")
os.remove(os.path.join(d, "incidents", "broken.yaml"))
if shutil.which("pre-commit") is None:
    print("SKIP: pre-commit try-repo: pre-commit is not installed")
else:
    hookrepo = os.path.join(d, "hookrepo")
    os.mkdir(hookrepo)
    shutil.copy(os.path.join(src, ".pre-commit-hooks.yaml"), hookrepo)
    git = "git -c user.name=t -c user.email=t@example.com"
    for line in (f"cd hookrepo && git init -q && git add . && {git} commit -qm hooks",
                 f"git init -q && git add incidents && {git} commit -qm incidents"):
        sh(d, line)
    r = sh(d, "pre-commit try-repo hookrepo reportgen-check --all-files",
           {"PRE_COMMIT_HOME": os.path.join(d, ".cache"), "HOME": d})
    if r.returncode != 0 or "Passed" not in r.stdout:
        fail(f"pre-commit try-repo exited {r.returncode}: {r.stdout[-400:]}{r.stderr[-300:]}")
shutil.rmtree(d)

print(f"ci_recipes: {len(failures)} failed")
sys.exit(1 if failures else 0)
