/**
 * The entry point of one Python execution environment, as Python source the adapter writes to a scratch
 * directory (the package ships no .py files). It speaks `environment-messages.ts` as JSON lines: it reads
 * from fd 3 and writes to fd 4, so the handler's stdout and stderr stay its own output.
 *
 * Lambda's Python runtime behaviour it copies: the handler string `path/to/module.function` (slashes become
 * dots), init error types (`Runtime.MalformedHandlerName`, `Runtime.ImportModuleError`,
 * `Runtime.UserCodeSyntaxError`, `Runtime.HandlerNotFound`), error fields from the exception class and
 * traceback, `Runtime.MarshalError` for results `json.dumps` rejects, the `context` attributes, and the root
 * logger's `[LEVEL]\ttimestamp\trequest id\tmessage` format.
 * https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html
 * https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
 */
export const PYTHON_BOOTSTRAP_SOURCE = String.raw`
import importlib
import json
import logging
import os
import sys
import time
import traceback

ENV = dict(os.environ)
CURRENT = {"request_id": None}


def send(message):
    if message.get("type") == "result":
        # The payload (JSON text, so without line breaks) follows its message on a line of its own.
        payload = message["payload"]
        CHANNEL_OUT.write(json.dumps({"type": "result", "requestId": message["requestId"]}) + "\n" + payload + "\n")
    else:
        CHANNEL_OUT.write(json.dumps(message) + "\n")
    CHANNEL_OUT.flush()


def error_fields(error_type, message, trace):
    return {"errorType": error_type, "errorMessage": message, "trace": trace}


def exception_fields(error):
    trace = traceback.format_list(traceback.extract_tb(error.__traceback__))
    return error_fields(type(error).__name__, str(error), [line.rstrip("\n") for line in trace])


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = CURRENT["request_id"]
        return True


def setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    logging.getLogger().addHandler(handler)


def load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        return None, error_fields("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, error), [])
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        return None, error_fields("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error), [])
    except SyntaxError as error:
        return None, error_fields("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, error), [])
    except Exception as error:
        return None, exception_fields(error)
    function = getattr(module, function_name, None)
    if not callable(function):
        return None, error_fields("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name), [])
    return function, None


class LambdaContext:
    def __init__(self, message):
        self.function_name = ENV.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = ENV.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = message["invokedFunctionArn"]
        self.memory_limit_in_mb = ENV.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.aws_request_id = message["requestId"]
        self.log_group_name = ENV.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = ENV.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = None
        self._deadline_ms = time.time() * 1000 + message["timeoutMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def invoke(handler, message):
    request_id = message["requestId"]
    CURRENT["request_id"] = request_id
    try:
        result = handler(message["event"], LambdaContext(message))
    except Exception as error:
        fields = exception_fields(error)
        print("[ERROR] %s: %s" % (fields["errorType"], fields["errorMessage"]), file=sys.stderr, flush=True)
        return dict(type="error", requestId=request_id, **fields)
    try:
        payload = json.dumps(result)
    except (TypeError, ValueError) as error:
        return dict(type="error", requestId=request_id, **error_fields("Runtime.MarshalError", "Unable to marshal response: %s" % error, []))
    return {"type": "result", "requestId": request_id, "payload": payload}


def main():
    sys.path[0] = ENV.get("LAMBDA_TASK_ROOT", os.getcwd())
    setup_logging()
    handler, failure = load_handler(ENV.get("_HANDLER", ""))
    if failure is not None:
        print("[ERROR] %s: %s" % (failure["errorType"], failure["errorMessage"]), file=sys.stderr, flush=True)
        send(dict(type="init-error", **failure))
        sys.exit(1)
    send({"type": "ready"})
    for line in CHANNEL_IN:
        if line.strip() == "":
            continue
        message = json.loads(line)
        if message.get("type") == "invoke":
            send(invoke(handler, message))


CHANNEL_IN = os.fdopen(3, "r", encoding="utf-8")
CHANNEL_OUT = os.fdopen(4, "w", encoding="utf-8")
main()
`;
