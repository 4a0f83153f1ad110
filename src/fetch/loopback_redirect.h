// The loopback redirect of an OAuth2 sign-in (RFC 8252 §7.3): listens on 127.0.0.1:PORT for the
// browser's one GET /callback?code=…&state=… and hands its query parameters back. The user
// registers http://127.0.0.1:PORT/callback with the platform; nothing else is served.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "base/result.h"
#include "fetch/cancel_token.h"

namespace gigscout::fetch {

class LoopbackRedirect {
  public:
    // Binds 127.0.0.1:port (0: any free port); the error says the port is taken.
    static Result<LoopbackRedirect> listen(int port);

    LoopbackRedirect(LoopbackRedirect&& other) noexcept;
    LoopbackRedirect& operator=(LoopbackRedirect&& other) noexcept;
    LoopbackRedirect(const LoopbackRedirect&) = delete;
    LoopbackRedirect& operator=(const LoopbackRedirect&) = delete;
    ~LoopbackRedirect();

    int port() const { return port_; }
    std::string redirect_uri() const;  // "http://127.0.0.1:PORT/callback"

    // Waits for GET /callback and returns its query parameters (code and state, or error);
    // answers other requests 404 and keeps waiting. The browser is told in a line of text
    // whether to go back to GigScout. Fails after `timeout` or when `cancel` fires.
    Result<std::map<std::string, std::string>> wait(std::chrono::milliseconds timeout,
                                                    const CancelToken& cancel);

  private:
    LoopbackRedirect(int fd, int port) : fd_(fd), port_(port) {}
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace gigscout::fetch
