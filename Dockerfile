# trailbox in a container: build on Debian 12, run on Debian 12 slim with only the runtime libraries.
FROM debian:12 AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake make python3 python3-botocore libboost-dev libsqlite3-dev nlohmann-json3-dev libgtest-dev \
      zlib1g-dev libssl-dev libcpp-httplib-dev libyaml-cpp-dev ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2 --target trailbox

FROM debian:12-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libsqlite3-0 libssl3 zlib1g libyaml-cpp0.7 curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/trailbox /usr/local/bin/trailbox
VOLUME /data
EXPOSE 4566
HEALTHCHECK --interval=5s --timeout=2s --retries=5 CMD curl -sf http://127.0.0.1:4566/_trailbox/health || exit 1
ENTRYPOINT ["trailbox", "serve", "--host", "0.0.0.0", "--port", "4566", "--data-dir", "/data"]
