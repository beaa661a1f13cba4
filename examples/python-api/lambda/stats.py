"""The Python API's Lambda handler (payload format 2.0).

GET  /hello/{name}  greets, and says which Python runs it
POST /stats         summary statistics of a JSON array of numbers

`INVOCATIONS` is module state: it survives between invocations while the execution environment stays warm,
as on Lambda.
"""
import base64
import json
import platform
import statistics

INVOCATIONS = 0


def reply(status_code, body):
    return {
        "statusCode": status_code,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }


def request_text(event):
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        return base64.b64decode(body).decode("utf-8")
    return body


def hello(event, context):
    name = event["pathParameters"]["name"]
    return reply(200, {
        "message": "Hello, %s!" % name,
        "python": platform.python_version(),
        "functionName": context.function_name,
        "invocations": INVOCATIONS,
    })


def stats(event):
    try:
        numbers = json.loads(request_text(event))
    except ValueError:
        return reply(400, {"message": "send a JSON array of numbers"})
    if (not isinstance(numbers, list) or not numbers
            or not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers)):
        return reply(400, {"message": "send a non-empty JSON array of numbers"})
    return reply(200, {
        "count": len(numbers),
        "mean": statistics.fmean(numbers),
        "median": statistics.median(numbers),
        "stdev": statistics.stdev(numbers) if len(numbers) > 1 else 0.0,
        "invocations": INVOCATIONS,
    })


def handler(event, context):
    global INVOCATIONS
    INVOCATIONS += 1
    route_key = event["routeKey"]
    if route_key == "GET /hello/{name}":
        return hello(event, context)
    if route_key == "POST /stats":
        return stats(event)
    return reply(404, {"message": "no handler for %s" % route_key})
