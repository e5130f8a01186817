// The client address behind reverse proxies (the public forms' rate limits key on it).
#include <gtest/gtest.h>

#include "http/request.hpp"

namespace kehou::http {
namespace {

const std::vector<std::string> kProxies = {"127.0.0.1", "10.0.0.2"};

TEST(ForwardedClientTest, WithoutATrustedPeerTheHeaderIsIgnored) {
    EXPECT_EQ(ForwardedClient("198.51.100.4", "203.0.113.7", kProxies), "198.51.100.4");
    EXPECT_EQ(ForwardedClient("127.0.0.1", "203.0.113.7", {}), "127.0.0.1");
    EXPECT_EQ(ForwardedClient("127.0.0.1", std::nullopt, kProxies), "127.0.0.1");
}

TEST(ForwardedClientTest, TheFirstUntrustedHopFromTheRightIsTheClient) {
    EXPECT_EQ(ForwardedClient("127.0.0.1", "203.0.113.7", kProxies), "203.0.113.7");
    // A client that sends its own header only adds hops on the left: they are never reached.
    EXPECT_EQ(ForwardedClient("127.0.0.1", "1.2.3.4, 203.0.113.7", kProxies), "203.0.113.7");
    // Two proxies in a row (nginx behind a load balancer).
    EXPECT_EQ(ForwardedClient("127.0.0.1", "203.0.113.7,10.0.0.2", kProxies), "203.0.113.7");
}

TEST(ForwardedClientTest, AMalformedListStopsTheWalk) {
    EXPECT_EQ(ForwardedClient("127.0.0.1", "203.0.113.7, , 10.0.0.2", kProxies), "10.0.0.2");
    EXPECT_EQ(ForwardedClient("127.0.0.1", "", kProxies), "127.0.0.1");
    // Only proxies all the way: the left-most hop is the best answer there is.
    EXPECT_EQ(ForwardedClient("127.0.0.1", "10.0.0.2", kProxies), "10.0.0.2");
}

}  // namespace
}  // namespace kehou::http
