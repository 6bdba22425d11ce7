#!/bin/sh
# test_layering.sh - data flows one way through the folders of src/: an
# object file may use symbols of its own folder and of the folders above it
# in the layer table of docs/architecture.md, never of one further down.
# Inside src/model the files are layered the same way (the second table
# of docs/architecture.md), and no object but model/lp.c calls GLPK.
# Reads `nm` of the library's objects in the build tree (the folder holding
# the tested binary).
#
# Called by ctest: test_layering.sh TSUNAGU_BINARY SOURCE_ROOT SCRATCH_DIR
set -u
bin=$1
src=$2
. "$src/tests/scripts/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm not found"; exit 77; }
objdir="$(dirname "$bin")/src/CMakeFiles/tsunagu_lib.dir"
[ -d "$objdir" ] || { echo "SKIP: no object files at $objdir"; exit 77; }

python3 - "$src/docs/architecture.md" "$objdir" <<'PY' || fail "see above"
import os, re, subprocess, sys
doc, objdir = sys.argv[1], sys.argv[2]

# the layer table: rows "| N | `src/folder` | ..." after the marker comment
text = open(doc, encoding="utf-8").read()
table = text.split("<!-- layers:", 1)[1].split("\n\n", 1)[0]
layer = {}
for m in re.finditer(r"^\|\s*(\d+)\s*\|\s*`src/(\w+)`", table, re.M):
    layer[m.group(2)] = int(m.group(1))
assert len(layer) >= 6, "no layer table found in docs/architecture.md"

def symbols(path, undefined):
    flags = ["-u"] if undefined else ["--defined-only", "-g"]
    out = subprocess.run(["nm"] + flags + [path], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if undefined and len(parts) == 2 and parts[0] == "U":
            names.add(parts[1])
        elif not undefined and len(parts) == 3 and parts[1] in "TDBRV":
            names.add(parts[2])
    return names

objects = {}
for folder in layer:
    d = os.path.join(objdir, folder)
    if not os.path.isdir(d):
        continue
    for name in sorted(os.listdir(d)):
        if name.endswith(".o"):
            objects[f"{folder}/{name[:-2]}"] = os.path.join(d, name)
owner = {}
for obj, path in objects.items():
    for s in symbols(path, False):
        owner[s] = obj
bad = []
for obj, path in objects.items():
    mine = layer[obj.split("/")[0]]
    for s in sorted(symbols(path, True)):
        other = owner.get(s)
        if other and layer[other.split("/")[0]] > mine:
            bad.append(f"{obj} (layer {mine}) uses {s} of {other} (layer {layer[other.split('/')[0]]})")
for b in bad:
    print(b)
if bad:
    print(f"{len(bad)} uses of a higher layer: move the code down, or the caller up")
    sys.exit(1)
print(f"{len(objects)} objects in {len(layer)} layers: every use goes down")

# The files of src/model, by the second table: rows "| N | `file.c` | ..."
# after its marker comment.  A file of the model missing from the table
# fails too: a new file says where it stands.
mtable = text.split("<!-- model layers:", 1)[1].split("\n\n", 1)[0]
mlayer = {}
for m in re.finditer(r"^\|\s*(\d+)\s*\|\s*`(\w+\.c)`", mtable, re.M):
    mlayer[m.group(2)] = int(m.group(1))
assert len(mlayer) >= 5, "no model layer table found in docs/architecture.md"
srcdir = os.path.join(os.path.dirname(os.path.dirname(doc)), "src", "model")
model = {obj.split("/", 1)[1]: path for obj, path in objects.items()
         if obj.startswith("model/") and os.path.exists(os.path.join(srcdir, obj.split("/", 1)[1]))}
bad = [f"model/{f} is not in the model layer table of docs/architecture.md"
       for f in sorted(model) if f not in mlayer]
bad += [f"the model layer table names {f}, which src/model does not have"
        for f in sorted(mlayer) if f not in model]
mowner = {}
for f, path in model.items():
    for s in symbols(path, False):
        mowner[s] = f
for f, path in sorted(model.items()):
    for s in sorted(symbols(path, True)):
        other = mowner.get(s)
        if other and f in mlayer and other in mlayer and mlayer[other] > mlayer[f]:
            bad.append(f"model/{f} (layer {mlayer[f]}) uses {s} of model/{other} (layer {mlayer[other]})")
for b in bad:
    print(b)
if bad:
    print(f"{len(bad)} problems in the model's layers: move the code down, or the caller up")
    sys.exit(1)
print(f"{len(model)} model files in {len(set(mlayer.values()))} layers: every use goes down")

# GLPK has one home: model/lp.c.  No other object of the library or the
# commands calls glp_* (it aborts on misuse; lp.c validates and guards).
cli = os.path.join(os.path.dirname(objdir), "tsunagu.dir", "cli")
others = dict(objects)
if os.path.isdir(cli):
    for name in sorted(os.listdir(cli)):
        if name.endswith(".o"):
            others[f"cli/{name[:-2]}"] = os.path.join(cli, name)
glpk = [f"{obj} calls {s}" for obj, path in sorted(others.items()) if obj != "model/lp.c"
        for s in sorted(symbols(path, True)) if s.startswith("glp_")]
for g in glpk:
    print(g)
if glpk:
    print(f"{len(glpk)} GLPK calls outside model/lp.c: add a safe call to lp.c instead")
    sys.exit(1)
print(f"GLPK is called from model/lp.c only ({len(others)} objects)")
PY
echo "PASS"
