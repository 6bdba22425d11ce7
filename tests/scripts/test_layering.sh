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
import functools, os, re, subprocess, sys
doc, objdir = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()

def layer_table(marker, name_pattern, least):
    """Rows "| N | `name` | ..." of the table after the marker comment."""
    table = text.split(marker, 1)[1].split("\n\n", 1)[0]
    layers = {m.group(2): int(m.group(1))
              for m in re.finditer(r"^\|\s*(\d+)\s*\|\s*`" + name_pattern + "`", table, re.M)}
    assert len(layers) >= least, "no table after %s in docs/architecture.md" % marker
    return layers

@functools.lru_cache(maxsize=None)
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
    return frozenset(names)

def upward_uses(files, layer_of, name):
    """files: {name: object path}; each use of a symbol defined by a file
    of a higher layer, as a sentence."""
    owner = {s: f for f, path in files.items() for s in symbols(path, False)}
    bad = []
    for f, path in sorted(files.items()):
        for s in sorted(symbols(path, True)):
            other = owner.get(s)
            if other and layer_of(other) is not None and layer_of(f) is not None \
                    and layer_of(other) > layer_of(f):
                bad.append(f"{name(f)} (layer {layer_of(f)}) uses {s} of {name(other)} "
                           f"(layer {layer_of(other)})")
    return bad

def verdict(bad, problem, good):
    for b in bad:
        print(b)
    if bad:
        print(f"{len(bad)} {problem}")
        sys.exit(1)
    print(good)

# the folders of src/, by the layer table
layer = layer_table("<!-- layers:", r"src/(\w+)", 6)
objects = {}
for folder in layer:
    d = os.path.join(objdir, folder)
    for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        if name.endswith(".o"):
            objects[f"{folder}/{name[:-2]}"] = os.path.join(d, name)
verdict(upward_uses(objects, lambda o: layer[o.split("/")[0]], lambda o: o),
        "uses of a higher layer: move the code down, or the caller up",
        f"{len(objects)} objects in {len(layer)} layers: every use goes down")

# The files of src/model, by the second table.  A file of the model missing
# from the table fails too: a new file says where it stands.
mlayer = layer_table("<!-- model layers:", r"(\w+\.c)", 5)
srcdir = os.path.join(os.path.dirname(os.path.dirname(doc)), "src", "model")
model = {obj.split("/", 1)[1]: path for obj, path in objects.items()
         if obj.startswith("model/") and os.path.exists(os.path.join(srcdir, obj.split("/", 1)[1]))}
bad = [f"model/{f} is not in the model layer table of docs/architecture.md"
       for f in sorted(model) if f not in mlayer]
bad += [f"the model layer table names {f}, which src/model does not have"
        for f in sorted(mlayer) if f not in model]
bad += upward_uses(model, mlayer.get, lambda f: "model/" + f)
verdict(bad, "problems in the model's layers: move the code down, or the caller up",
        f"{len(model)} model files in {len(set(mlayer.values()))} layers: every use goes down")

# GLPK has one home: model/lp.c.  No other object of the library or the
# commands calls glp_* (it aborts on misuse; lp.c validates and guards).
cli = os.path.join(os.path.dirname(objdir), "tsunagu.dir", "cli")
others = dict(objects)
for name in sorted(os.listdir(cli)) if os.path.isdir(cli) else []:
    if name.endswith(".o"):
        others[f"cli/{name[:-2]}"] = os.path.join(cli, name)
verdict([f"{obj} calls {s}" for obj, path in sorted(others.items()) if obj != "model/lp.c"
         for s in sorted(symbols(path, True)) if s.startswith("glp_")],
        "GLPK calls outside model/lp.c: add a safe call to lp.c instead",
        f"GLPK is called from model/lp.c only ({len(others)} objects)")
PY
echo "PASS"
