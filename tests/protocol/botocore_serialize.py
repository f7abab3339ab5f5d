"""Serializes requests with botocore for the differential test (tests/botocore.rs).

Reads JSON lines from stdin, each {"service", "operation", "params", "token"}, and writes one
JSON line per input: {"method", "path", "query": [[name, value], ...], "headers", "body"}
or {"error": "..."}. Uses botocore's bundled service models and its serializer for the
service's protocol; no network. botocore fills an unset idempotency token in a request
handler, not in the serializer: this script does the same with the given fixed token, as
the Rust side's token source does.
"""

import json
import sys

import botocore.serialize
import botocore.session


def serialize(session, models, case):
    service = case["service"]
    if service not in models:
        models[service] = session.get_service_model(service)
    model = models[service]
    operation = model.operation_model(case["operation"])
    params = dict(case["params"])
    for name, shape in operation.input_shape.members.items():
        if shape.metadata.get("idempotencyToken") and name not in params:
            params[name] = case["token"]
    serializer = botocore.serialize.create_serializer(model.metadata["protocol"], include_validation=True)
    request = serializer.serialize_to_request(params, operation)
    query = request["query_string"] or {}
    pairs = []
    for name, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append([name, item])
    body = request["body"]
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return {
        "method": request["method"],
        "path": request["url_path"],
        "query": pairs,
        "headers": dict(request["headers"]),
        "body": body,
    }


def main():
    session = botocore.session.get_session()
    models = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            result = serialize(session, models, json.loads(line))
        except Exception as error:  # reported per case by the Rust side
            result = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
