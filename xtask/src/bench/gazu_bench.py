"""The gazu.aio contender of `cargo xtask bench`, written as the gazu.aio page shows.

python gazu_bench.py <workload> <base-url> <email> <password> [argument]
prints {"seconds": ..., "requests": ..., "bytes": ..., "login_seconds": ..., "error": ...}
"""
import asyncio
import json
import os
import sys
import time

import gazu.aio


async def main(workload, host, email, password, argument):
    started = time.perf_counter()
    client = gazu.aio.AsyncKitsuClient(host)
    await gazu.aio.log_in(email, password, client=client)
    login_seconds = time.perf_counter() - started
    started = time.perf_counter()
    requests, size, error = 0, 0, None
    try:
        if workload == "fan-out":
            projects = await gazu.aio.fetch_all("projects/open", client=client)
            project = projects[0]
            requests = 1
            for _ in range(int(argument or 1)):
                shots = await gazu.aio.fetch_all(f"projects/{project['id']}/shots", client=client)
                task_lists = await asyncio.gather(*[
                    gazu.aio.get(f"data/shots/{shot['id']}/tasks", client=client)
                    for shot in shots
                ])
                for shot, tasks in zip(shots, task_lists):
                    shot["tasks"] = tasks
                requests += 1 + len(task_lists)
        elif workload == "big-list":
            tasks = await gazu.aio.fetch_all("tasks", client=client)
            requests, size = 1, len(tasks)
        elif workload == "download":
            await gazu.aio.download("movies/originals/preview-files/big.mp4", argument, client=client)
            requests, size = 1, os.path.getsize(argument)
        elif workload == "upload":
            requests, size = 1, os.path.getsize(argument)
            try:
                await gazu.aio.upload("pictures/preview-files/big", argument, client=client)
            except Exception as exception:  # gazu 1.3.1 raises after a successful upload
                error = f"{type(exception).__name__}: {exception}"
        elif workload == "batch-update":
            shots = await gazu.aio.get("data/projects/bench/shots", client=client)
            shots = shots[:1000]
            await asyncio.gather(*[
                gazu.aio.put(f"data/shots/{shot['id']}", {"data": {"status": "active"}}, client=client)
                for shot in shots
            ])
            requests = len(shots) + 1
        else:
            raise SystemExit(f"unknown workload {workload}")
    finally:
        seconds = time.perf_counter() - started
        await client.session.close()
    print(json.dumps({"seconds": seconds, "requests": requests, "bytes": size,
                      "login_seconds": login_seconds, "error": error}))


if __name__ == "__main__":
    workload, host, email, password, *rest = sys.argv[1:]
    asyncio.run(main(workload, host, email, password, rest[0] if rest else ""))
