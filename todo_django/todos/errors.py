"""The one place every error becomes an RFC 9457 problem+json response."""

from django.http import JsonResponse

# RFC 9110 reason phrases (Python 3.11's http.HTTPStatus still has the older 413 and 422 names).
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    503: "Service Unavailable",
}

# The detail for errors Django itself produces, where no view had anything more specific to say.
DEFAULT_DETAILS = {
    400: "The request could not be understood.",
    403: "You may not access this resource.",
    404: "There is nothing at this path.",
    405: "This path does not support the method.",
    413: "The request body is larger than 65536 bytes.",
    500: "The server failed to handle the request.",
}

PROBLEM_JSON = "application/problem+json"


def problem(status, detail, *, errors=None, headers=None):
    """A problem+json response; `errors` (a list of {field, message}) only on 422."""
    title = TITLES.get(status, "Error")
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type=PROBLEM_JSON, headers=headers)
    response.reason_phrase = title
    return response


class ApiError(Exception):
    """Raised anywhere below a view to stop the request with a problem response."""

    def __init__(self, status, detail, *, errors=None, headers=None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers

    def response(self):
        return problem(self.status, self.detail, errors=self.errors, headers=self.headers)


class ProblemDetailsMiddleware:
    """Turn every error response Django produces by itself into problem+json.

    The API views answer their own errors (ApiError). What is left is Django's: the 404 of
    an unknown path, the 500 of an unexpected exception (already logged by django.request),
    a 400 for a disallowed Host, the admin's own errors. handler404/handler500 would only
    cover these with DEBUG off; with DEBUG on Django renders its HTML debug pages instead.
    Rewriting the finished response here covers both settings and never leaks a traceback.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(PROBLEM_JSON):
            return response
        status = response.status_code
        headers = {"Allow": response["Allow"]} if response.has_header("Allow") else None
        detail = DEFAULT_DETAILS.get(status, TITLES.get(status, "Error"))
        replacement = problem(status, detail, headers=headers)
        # CommonMiddleware, which sets it on every other response, runs inside this one.
        replacement["Content-Length"] = str(len(replacement.content))
        return replacement
