"""The gazu side of `cargo xtask bench cli`: the latest preview of every task of a project, as
a pipeline TD writes it with gazu (gazu-cli has no download command).

Logs in the way gazu-cli does, from the tokens `gazu-cli login` saved in ~/.gazu/config.json.

python gazu_download.py <project-name> <directory>
"""
import json
import os
import sys

import gazu


def main(project_name, directory):
    with open(os.path.expanduser("~/.gazu/config.json")) as f:
        config = json.load(f)
    gazu.set_host(config["host"])
    gazu.set_token(config["tokens"])
    project = gazu.project.get_project_by_name(project_name)
    os.makedirs(directory, exist_ok=True)
    count = 0
    for task in gazu.task.all_tasks_for_project(project):
        previews = [
            p
            for p in gazu.files.get_all_preview_files_for_task(task)
            if p.get("status") != "broken"
        ]
        if not previews:
            continue
        latest = max(previews, key=lambda p: p.get("revision") or 0)
        path = os.path.join(directory, f"{latest['id']}.{latest['extension']}")
        gazu.files.download_preview_file(latest, path)
        count += 1
    print(f"downloaded {count} previews", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
