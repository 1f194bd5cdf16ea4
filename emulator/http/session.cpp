// An HTTP/1.1 session (Boost.Beast): header first, then `100 Continue` if asked, then the body under a size limit.
#include "http/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "http/engine.hpp"
#include "protocol/http_message.hpp"

namespace trailbox::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;

constexpr auto kIdleTimeout = std::chrono::seconds(60);
constexpr uint32_t kHeaderLimit = 64 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(asio::ip::tcp::socket socket, Engine& engine, size_t body_limit, SessionTracker& tracker)
      : stream_(std::move(socket)), engine_(engine), body_limit_(body_limit), tracker_(tracker) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

 private:
  void ReadHeader() {
    if (tracker_.shutting_down) return Close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(body_limit_);
    stream_.expires_after(kIdleTimeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code error, size_t) { self->OnHeader(error); });
  }

  void OnHeader(beast::error_code error) {
    // Beast checks a declared Content-Length against the limit as soon as the header is complete.
    if (error == bhttp::error::body_limit) return RespondTooLarge();
    if (error) return Close();
    auto& header = parser_->get();
    auto length = parser_->content_length();
    if (length && *length > body_limit_) return RespondTooLarge();
    if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
      auto continue_response = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      bhttp::async_write(stream_, *continue_response,
                         [self = shared_from_this(), continue_response](beast::error_code write_error, size_t) {
                           if (write_error) return self->Close();
                           self->ReadBody();
                         });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code error, size_t) {
      if (error == bhttp::error::body_limit) return self->RespondTooLarge();
      if (error) return self->Close();
      self->Answer();
    });
  }

  protocol::HttpRequest ToRequest(bool with_body) {
    auto& message = parser_->get();
    protocol::HeaderList headers;
    for (const auto& field : message) headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    protocol::HttpRequest request = protocol::HttpRequest::Make(
        std::string(message.method_string()), std::string(message.target()), std::move(headers),
        with_body ? std::move(message.body()) : std::string());
    beast::error_code ignored;
    auto remote = stream_.socket().remote_endpoint(ignored);
    if (!ignored) request.remote_address = remote.address().to_string();
    return request;
  }

  void Answer() {
    ++tracker_.in_flight;
    bool keep_alive = parser_->get().keep_alive();
    bool is_head = parser_->get().method() == bhttp::verb::head;
    Write(engine_.Handle(ToRequest(true)), keep_alive && !tracker_.shutting_down, is_head);
  }

  void RespondTooLarge() {
    ++tracker_.in_flight;
    Write(engine_.RejectTooLarge(ToRequest(false), body_limit_), false, false);
  }

  void Write(protocol::HttpResponse answer, bool keep_alive, bool is_head) {
    auto response = std::make_shared<bhttp::response<bhttp::string_body>>();
    response->version(11);
    response->result(static_cast<unsigned>(answer.status));
    std::string declared_length;
    for (auto& [name, value] : answer.headers) {
      if (beast::iequals(name, "Content-Length")) declared_length = value;
      else response->insert(name, value);
    }
    response->set(bhttp::field::server, "trailbox");
    response->keep_alive(keep_alive);
    if (is_head) {
      // HEAD answers carry the length of the body they describe, without the body.
      response->content_length(declared_length.empty() ? answer.body.size() : std::stoull(declared_length));
    } else {
      response->body() = std::move(answer.body);
      response->prepare_payload();
    }
    bhttp::async_write(stream_, *response, [self = shared_from_this(), response, keep_alive](beast::error_code error,
                                                                                              size_t) {
      --self->tracker_.in_flight;
      if (error || !keep_alive) return self->Close();
      self->ReadHeader();
    });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Engine& engine_;
  size_t body_limit_;
  SessionTracker& tracker_;
};

}  // namespace

void StartSession(asio::ip::tcp::socket socket, Engine& engine, size_t body_limit, SessionTracker& tracker) {
  std::make_shared<Session>(std::move(socket), engine, body_limit, tracker)->Start();
}

}  // namespace trailbox::http
