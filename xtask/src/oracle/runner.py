"""The gazu side of the route oracle: runs each case's Python against the recording proxy.

Reads a JSON spec on stdin: {"host", "email", "password", "cases": [{"gazu", "python",
"world"}]}; prints a JSON list of {"gazu", "error"} (error is null when the call returned).
"""

import json
import sys
import urllib.parse
import urllib.request

import gazu


def mark(host, control, **params):
    query = urllib.parse.urlencode(params)
    request = urllib.request.Request(f"{host}/__oracle__/{control}?{query}", method="POST", data=b"")
    urllib.request.urlopen(request).read()


def run(code, name, scope):
    try:
        compiled = compile(code, name, "eval")
    except SyntaxError:
        exec(compile(code, name, "exec"), scope)
        return
    eval(compiled, scope)


def main():
    spec = json.load(sys.stdin)
    host = spec["host"]
    gazu.set_host(host)
    gazu.log_in(spec["email"], spec["password"])
    gazu.cache.disable()
    results = []
    for case in spec["cases"]:
        mark(host, "begin", side="gazu", case=case["gazu"])
        error = None
        try:
            run(case["python"], case["gazu"], {"gazu": gazu, "w": dict(case["world"])})
        except Exception as exception:  # every failure is the case's result
            error = f"{type(exception).__name__}: {exception}"
        finally:
            mark(host, "end")
        results.append({"gazu": case["gazu"], "error": error})
    json.dump(results, sys.stdout)


main()
