// The HTTP/1.1 server (Boost.Beast, asynchronous): keep-alive, `Expect: 100-continue`, a request-size limit,
// a small thread pool, and graceful shutdown on SIGINT/SIGTERM. The only Beast/asio code of trailbox.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace trailbox::http {
class Engine;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 4566;
  int threads = 2;
  /// Bodies above this are answered 413 in the request's protocol. Deviation: S3 PutObject allows 5 GiB in one
  /// request; bodies are held in memory here, so larger objects must use multipart upload.
  size_t body_limit = 128ull * 1024 * 1024;
  /// Called once the listener is bound (the CLI prints the address; benchmarks time start-up from it).
  std::function<void(const std::string& address)> on_listening;
};

/// Serves until SIGINT or SIGTERM; in-flight requests finish first. Returns the process exit code.
int Serve(Engine& engine, const ServerOptions& options);

}  // namespace trailbox::http
