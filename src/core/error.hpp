#pragma once
// The one error type of kehou. Domain code throws it; the HTTP edge turns it into
// {"error":{code, message, message_en, field, details, request_id}} with the HTTP status of its kind.

#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kehou {

/// What went wrong, in the terms a client can act on; each kind maps to one HTTP status.
enum class ErrorKind {
    kBadRequest,         // 400: malformed or invalid input
    kUnauthenticated,    // 401: no valid session
    kForbidden,          // 403: authenticated but not allowed (also out-of-scope writes)
    kNotFound,           // 404: absent or out of the caller's data scope
    kMethodNotAllowed,   // 405
    kConflict,           // 409: state does not allow it (already selected, illegal transition)
    kPayloadTooLarge,    // 413
    kUnprocessable,      // 422: well-formed but breaks a policy rule
    kHeaderTooLarge,     // 431
    kTooManyRequests,    // 429
    kInternal,           // 500: a bug; the client sees only the request id
    kUnavailable,        // 503: dependency down (database), draining
};

int HttpStatus(ErrorKind kind);

/// A value attached to an error for the client (remaining budget, current state, line number).
using ErrorDetailValue = std::variant<std::int64_t, std::string>;

/// 统一错误 The typed error: a stable code, Chinese and English text, the offending field.
class Error : public std::exception {
public:
    Error(ErrorKind kind, std::string code, std::string message_zh, std::string message_en,
          std::string field = {});

    static Error BadRequest(std::string code, std::string zh, std::string en, std::string field = {});
    static Error NotFound(std::string code, std::string zh, std::string en);
    static Error Conflict(std::string code, std::string zh, std::string en, std::string field = {});
    static Error Unprocessable(std::string code, std::string zh, std::string en, std::string field = {});
    static Error Forbidden(std::string code, std::string zh, std::string en);
    static Error Unavailable(std::string code, std::string zh, std::string en);
    /// Internal errors carry no client text: the message is logged, the client sees the request id.
    static Error Internal(std::string log_message);

    Error& WithDetail(std::string key, ErrorDetailValue value);

    ErrorKind kind() const { return kind_; }
    int http_status() const { return HttpStatus(kind_); }
    const std::string& code() const { return code_; }
    const std::string& message_zh() const { return message_zh_; }
    const std::string& message_en() const { return message_en_; }
    const std::string& field() const { return field_; }
    const std::vector<std::pair<std::string, ErrorDetailValue>>& details() const { return details_; }
    /// For logs only; never sent to a client.
    const char* what() const noexcept override { return log_text_.c_str(); }

private:
    ErrorKind kind_;
    std::string code_;
    std::string message_zh_;
    std::string message_en_;
    std::string field_;
    std::vector<std::pair<std::string, ErrorDetailValue>> details_;
    std::string log_text_;
};

}  // namespace kehou
