#include "core/error.hpp"

namespace kehou {

int HttpStatus(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::kBadRequest: return 400;
        case ErrorKind::kUnauthenticated: return 401;
        case ErrorKind::kForbidden: return 403;
        case ErrorKind::kNotFound: return 404;
        case ErrorKind::kMethodNotAllowed: return 405;
        case ErrorKind::kConflict: return 409;
        case ErrorKind::kPayloadTooLarge: return 413;
        case ErrorKind::kUnprocessable: return 422;
        case ErrorKind::kHeaderTooLarge: return 431;
        case ErrorKind::kTooManyRequests: return 429;
        case ErrorKind::kInternal: return 500;
        case ErrorKind::kUnavailable: return 503;
    }
    return 500;
}

Error::Error(ErrorKind kind, std::string code, std::string message_zh, std::string message_en,
             std::string field)
    : kind_(kind),
      code_(std::move(code)),
      message_zh_(std::move(message_zh)),
      message_en_(std::move(message_en)),
      field_(std::move(field)),
      log_text_(code_ + ": " + message_en_) {}

Error Error::BadRequest(std::string code, std::string zh, std::string en, std::string field) {
    return {ErrorKind::kBadRequest, std::move(code), std::move(zh), std::move(en), std::move(field)};
}
Error Error::NotFound(std::string code, std::string zh, std::string en) {
    return {ErrorKind::kNotFound, std::move(code), std::move(zh), std::move(en)};
}
Error Error::Conflict(std::string code, std::string zh, std::string en, std::string field) {
    return {ErrorKind::kConflict, std::move(code), std::move(zh), std::move(en), std::move(field)};
}
Error Error::Unprocessable(std::string code, std::string zh, std::string en, std::string field) {
    return {ErrorKind::kUnprocessable, std::move(code), std::move(zh), std::move(en), std::move(field)};
}
Error Error::Forbidden(std::string code, std::string zh, std::string en) {
    return {ErrorKind::kForbidden, std::move(code), std::move(zh), std::move(en)};
}
Error Error::Unavailable(std::string code, std::string zh, std::string en) {
    return {ErrorKind::kUnavailable, std::move(code), std::move(zh), std::move(en)};
}
Error Error::Internal(std::string log_message) {
    Error e{ErrorKind::kInternal, "internal", "服务器内部错误", "Internal server error"};
    e.log_text_ = "internal: " + std::move(log_message);
    return e;
}

Error& Error::WithDetail(std::string key, ErrorDetailValue value) {
    details_.emplace_back(std::move(key), std::move(value));
    return *this;
}

}  // namespace kehou
