"""boto3 calling Lookout for Equipment's StartDataIngestionJob, for the client benchmark.

    python3 boto3_bench.py MODE N WARMUP CONCURRENCY [URL]

MODE is seq (one call after another over one keep-alive connection), conc (CONCURRENCY threads
sharing one client) or offline (a canned response handed back by a before-send hook: the
request is still built, serialized and signed, and the answer parsed, but nothing is sent).
Prints the same tab-separated line as the Rust binaries (see bench/common/src/lib.rs).
"""

import math
import resource
import sys
import threading
import time

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config

ANSWER = b'{"JobId":"job-1","Status":"IN_PROGRESS"}'


class _Raw:
    """The least of a urllib3 response that botocore reads a canned body through."""

    def __init__(self, body):
        self._body = body

    def stream(self, *_args, **_kwargs):
        yield self._body


def canned(request, **_kwargs):
    headers = {"content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "bench-request"}
    return AWSResponse(request.url, 200, headers, _Raw(ANSWER))


def make_client(mode, url, concurrency):
    config = Config(retries={"mode": "standard"}, max_pool_connections=max(concurrency, 10))
    client = boto3.session.Session().client(
        "lookoutequipment",
        region_name="us-east-1",
        endpoint_url=url if mode != "offline" else "http://127.0.0.1:9",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=config,
    )
    if mode == "offline":
        client.meta.events.register("before-send.lookoutequipment", canned)
    return client


def call(client):
    output = client.start_data_ingestion_job(
        DatasetName="pumps",
        RoleArn="arn:aws:iam::123456789012:role/lookout",
        IngestionInputConfiguration={"S3InputConfiguration": {"Bucket": "sensor-data", "Prefix": "pump/"}},
    )
    if output.get("JobId") != "job-1":
        raise RuntimeError(f"unexpected JobId {output.get('JobId')!r}")


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def timed_calls(client, count, latencies):
    for _ in range(count):
        t = time.perf_counter()
        call(client)
        latencies.append(time.perf_counter() - t)


def run_threads(client, total, callers):
    results = [[] for _ in range(callers)]
    errors = []

    def worker(i):
        try:
            timed_calls(client, total // callers + (1 if i < total % callers else 0), results[i])
        except Exception as e:  # reported after the join
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(callers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [x for r in results for x in r]


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    mode, n, warmup, concurrency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), max(1, int(sys.argv[4]))
    url = sys.argv[5] if len(sys.argv) > 5 else ""
    callers = concurrency if mode == "conc" else 1
    client = make_client(mode, url, callers)
    if mode == "conc":
        run_threads(client, warmup * callers, callers)
    else:
        timed_calls(client, warmup, [])
    user0, sys0 = cpu()
    start = time.perf_counter()
    if mode == "conc":
        latencies = run_threads(client, n, callers)
    else:
        latencies = []
        timed_calls(client, n, latencies)
    wall = time.perf_counter() - start
    user1, sys1 = cpu()
    latencies.sort()

    def percentile(p):
        return latencies[min(max(math.ceil(p * len(latencies)), 1), len(latencies)) - 1] * 1e6

    user, system = (user1 - user0) * 1e6 / n, (sys1 - sys0) * 1e6 / n
    print(
        f"boto3\t{mode}\t{n}\t{callers}\t{n / wall:.0f}\t{percentile(0.5):.1f}\t{percentile(0.99):.1f}"
        f"\t{user + system:.1f}\t{user:.1f}\t{system:.1f}"
    )


if __name__ == "__main__":
    main()
