// Listener, signal handling, shutdown and the scheduler tick (Boost.Beast async server, after Beast's
// advanced_server example, without WebSockets).
#include "http/server.hpp"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <iostream>
#include <thread>
#include <vector>

#include "http/engine.hpp"
#include "http/session.hpp"

namespace trailbox::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& io, Engine& engine, const ServerOptions& options, SessionTracker& tracker)
      : io_(io), acceptor_(asio::make_strand(io)), engine_(engine), options_(options), tracker_(tracker) {}

  void Open(const tcp::endpoint& endpoint) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }

  tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_), [self = shared_from_this()](boost::system::error_code error,
                                                                                tcp::socket socket) {
      if (error) return;  // closed at shutdown
      StartSession(std::move(socket), self->engine_, self->options_.body_limit, self->tracker_);
      self->Accept();
    });
  }

  void Close() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  asio::io_context& io_;
  tcp::acceptor acceptor_;
  Engine& engine_;
  const ServerOptions& options_;
  SessionTracker& tracker_;
};

// Real mode: due tasks run every 100 ms. Virtual mode needs no tick: time moves only through the admin endpoint.
void ScheduleTick(asio::steady_timer& timer, Engine& engine) {
  timer.expires_after(std::chrono::milliseconds(100));
  timer.async_wait([&timer, &engine](boost::system::error_code error) {
    if (error) return;
    engine.RunDueTasks();
    ScheduleTick(timer, engine);
  });
}

// After a signal: wait (polling every 20 ms) until no request is in flight, then stop the io_context.
void StopWhenIdle(asio::steady_timer& timer, asio::io_context& io, SessionTracker& tracker) {
  timer.expires_after(std::chrono::milliseconds(20));
  timer.async_wait([&timer, &io, &tracker](boost::system::error_code) {
    if (tracker.in_flight == 0) {
      io.stop();
      return;
    }
    StopWhenIdle(timer, io, tracker);
  });
}

}  // namespace

int Serve(Engine& engine, const ServerOptions& options) {
  asio::io_context io(options.threads);
  SessionTracker tracker;
  auto listener = std::make_shared<Listener>(io, engine, options, tracker);
  try {
    listener->Open(tcp::endpoint(asio::ip::make_address(options.host), options.port));
  } catch (const std::exception& error) {
    std::cerr << "trailbox: cannot listen on " << options.host << ":" << options.port << ": " << error.what()
              << "\n";
    return 1;
  }
  listener->Accept();
  if (options.on_listening) {
    auto endpoint = listener->local_endpoint();
    options.on_listening(endpoint.address().to_string() + ":" + std::to_string(endpoint.port()));
  }

  asio::steady_timer tick(io);
  if (!engine.clock().is_virtual()) ScheduleTick(tick, engine);

  asio::steady_timer stop_timer(io);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code error, int) {
    if (error) return;
    tracker.shutting_down = true;
    listener->Close();
    tick.cancel();
    StopWhenIdle(stop_timer, io, tracker);
  });

  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& thread : threads) thread.join();
  engine.Checkpoint();
  return 0;
}

}  // namespace trailbox::http
