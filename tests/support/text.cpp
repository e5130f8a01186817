#include "support/text.hpp"

#include <iconv.h>

#include <stdexcept>

#include "core/ids.hpp"

namespace kehou::testing {

std::string IdNumber(const std::string& first17) { return first17 + IdNumberCheckCharacter(first17); }

std::string ToGbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("no GBK converter");
    std::string out(utf8.size() * 2, '\0');
    char* src = const_cast<char*>(utf8.data());
    std::size_t src_left = utf8.size(), dst_left = out.size();
    char* dst = out.data();
    const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1)) throw std::runtime_error("text is not representable in GBK");
    out.resize(out.size() - dst_left);
    return out;
}

}  // namespace kehou::testing
