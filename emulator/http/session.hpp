// One client connection: reads requests (honouring Expect: 100-continue and the body limit), hands each to the
// engine, writes the answer, keeps the connection alive as HTTP/1.1 asks.
#pragma once
#include <atomic>
#include <boost/asio/ip/tcp.hpp>

namespace trailbox::http {
class Engine;

/// Shared by the listener and every session: how many requests are being answered, and whether to stop.
struct SessionTracker {
  std::atomic<int> in_flight{0};
  std::atomic<bool> shutting_down{false};
};

void StartSession(boost::asio::ip::tcp::socket socket, Engine& engine, size_t body_limit, SessionTracker& tracker);

}  // namespace trailbox::http
