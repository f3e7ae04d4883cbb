# kai's container image: the release binary, with the Swift standard library and Foundation
# linked in, on a slim Debian with only what it needs at run time.
#
#   docker build -t kai:0.1.0 .                 # or, into Minikube: minikube image build -t kai:dev .
#   docker run --rm -it kai:0.1.0 --sandbox     # the REPL on the embedded sandbox

# Build stage: the official Swift image (Debian 12), plus libedit's headers for the REPL's line editor.
FROM swift:6.2-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libedit-dev=3.1-20221030-2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
# Dependencies first, so that changing kai's sources does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --static-swift-stdlib --product kai \
    && swift build -c release --static-swift-stdlib --product kai-mcp \
    && install -D -m 0755 --strip "$(swift build -c release --show-bin-path)/kai" /out/kai \
    && install -D -m 0755 --strip "$(swift build -c release --show-bin-path)/kai-mcp" /out/kai-mcp

# Run stage: CA certificates (for HTTPS to the API server and model providers), libedit, and
# libcurl (FoundationNetworking's, which the MCP SDK brings into kai-mcp, the program `kai mcp`
# runs; kai itself does not load it); the C library, libstdc++ and zlib the binaries also link
# come with the base image.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates=20250419~deb12u2 libedit2=3.1-20221030-2 libcurl4=7.88.1-10+deb12u15 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --create-home --home-dir /home/kai --shell /usr/sbin/nologin kai
COPY --from=build /out/kai /out/kai-mcp /usr/local/bin/
USER 10001:10001
WORKDIR /home/kai
ENTRYPOINT ["kai"]
