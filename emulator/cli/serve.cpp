// `trailbox serve --host H --port P --data-dir D | --ephemeral --clock real|virtual --auth none|sigv4`.
#include "cli/serve.hpp"

#include <charconv>
#include <iostream>

#include "http/engine.hpp"
#include "http/server.hpp"

namespace trailbox::cli {
namespace {

constexpr const char* kUsage = R"(usage: trailbox serve [options]

  --host HOST          address to listen on (default 127.0.0.1)
  --port PORT          port to listen on (default 4566; 0 picks a free port)
  --data-dir DIR       where the SQLite state lives (default ./trailbox-data)
  --ephemeral          keep all state in memory; nothing is written to disk
  --clock real|virtual real follows wall time (default); virtual moves only via POST /_trailbox/clock
  --auth none|sigv4    sigv4 verifies request signatures (default none: any credentials are accepted)
  --threads N          server threads (default 2)
  --delivery-interval D  trail delivery period, e.g. 10s or 5m (default 10s with the real clock, 5m with the
                       virtual clock, as AWS's about-every-5-minutes delivery)
  --help               this text
)";

struct ParseError {
  std::string message;
};

std::string NextValue(const std::vector<std::string>& args, size_t& i) {
  if (i + 1 >= args.size()) throw ParseError{args[i] + " needs a value"};
  return args[++i];
}

int ToInt(const std::string& text, const std::string& option, int low, int high) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw ParseError{option + " must be a number from " + std::to_string(low) + " to " + std::to_string(high)};
  }
  return value;
}

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  http::EngineOptions engine_options;
  http::ServerOptions server_options;
  bool has_data_dir = false;
  try {
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg == "--help" || arg == "-h") {
        std::cout << kUsage;
        return 0;
      } else if (arg == "--host") {
        server_options.host = NextValue(args, i);
      } else if (arg == "--port") {
        server_options.port = static_cast<uint16_t>(ToInt(NextValue(args, i), arg, 0, 65535));
      } else if (arg == "--data-dir") {
        engine_options.data_dir = NextValue(args, i);
        has_data_dir = true;
      } else if (arg == "--ephemeral") {
        engine_options.ephemeral = true;
      } else if (arg == "--clock") {
        std::string mode = NextValue(args, i);
        if (mode != "real" && mode != "virtual") throw ParseError{"--clock must be real or virtual"};
        engine_options.clock_mode = mode == "virtual" ? ClockMode::kVirtual : ClockMode::kReal;
      } else if (arg == "--auth") {
        std::string mode = NextValue(args, i);
        if (mode != "none" && mode != "sigv4") throw ParseError{"--auth must be none or sigv4"};
        engine_options.verify_signatures = mode == "sigv4";
      } else if (arg == "--delivery-interval") {
        auto interval = ParseDuration(NextValue(args, i));
        if (!interval || interval->count() <= 0) {
          throw ParseError{"--delivery-interval must be a duration such as 10s or 5m"};
        }
        engine_options.delivery_interval = static_cast<double>(interval->count()) / 1000;
      } else if (arg == "--threads") {
        server_options.threads = ToInt(NextValue(args, i), arg, 1, 64);
      } else {
        throw ParseError{"unknown option " + arg};
      }
    }
    if (has_data_dir && engine_options.ephemeral) throw ParseError{"--data-dir and --ephemeral exclude each other"};
  } catch (const ParseError& error) {
    std::cerr << "trailbox serve: " << error.message << "\n\n" << kUsage;
    return 2;
  }

  try {
    http::Engine engine(engine_options);
    server_options.on_listening = [&](const std::string& address) {
      std::cout << "trailbox listening on http://" << address << " ("
                << (engine_options.ephemeral ? "ephemeral" : "data in " + engine_options.data_dir.string()) << ", "
                << (engine.clock().is_virtual() ? "virtual" : "real") << " clock)" << std::endl;
    };
    return http::Serve(engine, server_options);
  } catch (const std::exception& error) {
    std::cerr << "trailbox serve: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace trailbox::cli
