"""Lists the public functions of gazu's domain modules and the routes each one sends.

Run by `cargo xtask parity` with the gazu venv's python (as `python -c`), or by hand:
    python gazu_routes.py module [module ...]
Reads gazu's installed source with `ast` (nothing is imported but gazu's location) and prints
JSON: {"version", "package_modules", "modules": {module: [{"name", "routes", "composes"}]}}.
A route is {"method", "path"}; path templates have `{}` for every interpolated value and end
with `?key=` for the query keys the function sets. `composes` names the other gazu domain
functions (`module.function`) the function calls.
"""

import ast
import json
import os
import sys

import gazu

GAZU = os.path.dirname(gazu.__file__)
# gazu's modules that are not domain modules (transport, cache, CLI, helpers).
NOT_DOMAIN = {
    "__init__", "__version__", "aio", "cache", "cli", "client", "encoder", "events",
    "exception", "helpers", "sorting",
}

# client.py's helpers (imported as `raw`): method, how the path is built from the
# positional arguments, and the position of `params` (query) if any.
#   "path": the first argument is the full path; "data": "data/" + first argument;
#   "model": "data/<model>"; "model_id": "data/<model>/<id>"; "import": "import/kitsu/<model>".
HELPERS = {
    "get": ("GET", "path", 2),
    "post": ("POST", "path", None),
    "put": ("PUT", "path", None),
    "delete": ("DELETE", "path", 1),
    "fetch_all": ("GET", "data", 1),
    "fetch_first": ("GET", "data", 1),
    "fetch_one": ("GET", "model_id", 2),
    "create": ("POST", "model", None),
    "update": ("PUT", "model_id", None),
    "upload": ("POST", "path", None),
    "download": ("GET", "path", 2),
    "get_file_data_from_url": ("GET", "path", None),
    "import_data": ("POST", "import", None),
}
HOLE = "{}"
MAX_ALTERNATIVES = 8


class Function:
    """What one function body assigns, to resolve a path held in a local variable."""

    def __init__(self, node, bindings=None, module_defs=None):
        self.node = node
        self.module_defs = module_defs or {}
        self.bindings = bindings or {}
        self.assigned = {}
        self.query = {}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign):
                for target in sub.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(sub.value)
                    elif (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.value, ast.Name)
                        and isinstance(target.slice, ast.Constant)
                        and isinstance(target.slice.value, str)
                    ):
                        self.query.setdefault(target.value.id, []).append(target.slice.value)
            elif isinstance(sub, ast.AnnAssign) and isinstance(sub.target, ast.Name) and sub.value:
                self.assigned.setdefault(sub.target.id, []).append(sub.value)

    def strings(self, expr, depth=0):
        """The templates an expression can take: literal text, `{}` for any value."""
        if depth > 6:
            return [HOLE]
        if isinstance(expr, ast.Constant):
            return [expr.value] if isinstance(expr.value, str) else [HOLE]
        if isinstance(expr, ast.JoinedStr):
            out = [""]
            for part in expr.values:
                if isinstance(part, ast.Constant):
                    pieces = self.strings(part, depth + 1)
                else:
                    pieces = self.strings(part.value, depth + 1)
                out = [a + b for a in out for b in pieces][:MAX_ALTERNATIVES]
            return out
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod):
            out = []
            for left in self.strings(expr.left, depth + 1):
                for spec in ("%s", "%d", "%i", "%r"):
                    left = left.replace(spec, HOLE)
                out.append(left)
            return out
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            lefts = self.strings(expr.left, depth + 1)
            rights = self.strings(expr.right, depth + 1)
            return [a + b for a in lefts for b in rights][:MAX_ALTERNATIVES]
        if isinstance(expr, ast.IfExp):
            return (self.strings(expr.body, depth + 1) + self.strings(expr.orelse, depth + 1))[
                :MAX_ALTERNATIVES
            ]
        if (
            isinstance(expr, ast.Call)
            and isinstance(expr.func, ast.Name)
            and expr.func.id in self.module_defs
        ):
            # A path built by another function of the module: the strings it returns.
            callee = Function(self.module_defs[expr.func.id], None, self.module_defs)
            out = []
            for sub in ast.walk(callee.node):
                if isinstance(sub, ast.Return) and sub.value is not None:
                    out += [t for t in callee.strings(sub.value, depth + 1) if t not in out]
            return out[:MAX_ALTERNATIVES] or [HOLE]
        if isinstance(expr, ast.Name) and expr.id in self.bindings:
            return self.bindings[expr.id]
        if isinstance(expr, ast.Name) and expr.id in self.assigned:
            out = []
            for value in self.assigned[expr.id]:
                for text in self.strings(value, depth + 1):
                    if text not in out:
                        out.append(text)
            return out[:MAX_ALTERNATIVES]
        return [HOLE]

    def query_keys(self, expr):
        """The keys a `params` argument sets, in order."""
        keys = []
        if isinstance(expr, ast.Dict):
            keys = [k.value for k in expr.keys if isinstance(k, ast.Constant)]
        elif isinstance(expr, ast.Name):
            for value in self.assigned.get(expr.id, []):
                if isinstance(value, ast.Dict):
                    keys += [k.value for k in value.keys if isinstance(k, ast.Constant)]
            keys += self.query.get(expr.id, [])
        return [k for i, k in enumerate(keys) if isinstance(k, str) and k not in keys[:i]]


def argument(call, position, name):
    if position is not None and len(call.args) > position:
        return call.args[position]
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def normalize(path):
    path = path.split("?", 1)[0] if path.startswith(HOLE) is False and "?" in path else path
    while "//" in path:
        path = path.replace("//", "/")
    return path.strip("/")


def route(function, helper, call):
    method, shape, params_at = HELPERS[helper]
    first = argument(call, 0, "path" if shape in ("path", "data") else "model_name")
    firsts = function.strings(first) if first is not None else [HOLE]
    paths = []
    for text in firsts:
        if shape == "data":
            text = "data/" + text
        elif shape == "model":
            text = "data/" + text
        elif shape == "model_id":
            text = "data/" + text + "/" + HOLE
        elif shape == "import":
            text = "import/kitsu/" + text
        paths.append(text)
    params = argument(call, params_at, "params")
    keys = function.query_keys(params) if params is not None else []
    routes = []
    for path in paths:
        base, _, inline = path.partition("?")
        base = normalize(base)
        inline_keys = [part.split("=", 1)[0] for part in inline.split("&") if part]
        all_keys = inline_keys + [k for k in keys if k not in inline_keys]
        query = "?" + "&".join(k + "=" for k in all_keys) if all_keys else ""
        routes.append({"method": method, "path": base + query})
    return routes


def module_functions(module):
    with open(os.path.join(GAZU, module + ".py"), encoding="utf-8") as source:
        tree = ast.parse(source.read())
    raw_names, domain_aliases = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None:
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name == "client":
                    raw_names.add(local)
                elif alias.name not in NOT_DOMAIN:
                    domain_aliases[local] = alias.name
    defs = [
        node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and not node.name.startswith("_")
    ]
    public = {node.name for node in defs}
    module_defs = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    private = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("_")
    }

    def bind(function, helper, call):
        """The strings a private helper's parameters take at this call (defaults included)."""
        params = helper.args.args
        defaults = dict(zip([p.arg for p in params[len(params) - len(helper.args.defaults):]],
                            helper.args.defaults))
        out = {}
        for i, param in enumerate(params):
            value = argument(call, i, param.arg)
            if value is not None:
                out[param.arg] = function.strings(value)
            elif param.arg in defaults:
                out[param.arg] = function.strings(defaults[param.arg])
        return out

    def analyse(node, bindings, depth=0):
        function = Function(node, bindings, module_defs)
        routes, composes = [], []
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Call):
                continue
            callee = sub.func
            found = []
            if isinstance(callee, ast.Attribute) and isinstance(callee.value, ast.Name):
                owner = callee.value.id
                if owner in raw_names and callee.attr in HELPERS:
                    found = route(function, callee.attr, sub)
                elif owner in domain_aliases and not callee.attr.startswith("_"):
                    composes.append(domain_aliases[owner] + "." + callee.attr)
            elif isinstance(callee, ast.Name) and callee.id in public and callee.id != node.name:
                composes.append(module + "." + callee.id)
            elif isinstance(callee, ast.Name) and callee.id in private and depth < 4:
                helper = private[callee.id]
                found, more = analyse(helper, bind(function, helper, sub), depth + 1)
                composes += more
            for r in found:
                if r not in routes:
                    routes.append(r)
        return routes, [c for i, c in enumerate(composes) if c not in composes[:i]]

    out = []
    for node in defs:
        routes, composes = analyse(node, {})
        out.append({"name": node.name, "routes": routes, "composes": composes})
    return out


def main():
    package = sorted(
        name[:-3]
        for name in os.listdir(GAZU)
        if name.endswith(".py") and name[:-3] not in NOT_DOMAIN
    )
    modules = {}
    for module in sys.argv[1:]:
        if os.path.exists(os.path.join(GAZU, module + ".py")):
            modules[module] = module_functions(module)
    json.dump(
        {"version": gazu.__version__, "package_modules": package, "modules": modules},
        sys.stdout,
        indent=1,
    )


main()
