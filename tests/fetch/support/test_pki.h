// A throw-away certificate authority and server certificates made with the openssl CLI at
// test time, so HTTPS tests keep TLS verification on.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "fetch/support/test_http_server.h"

namespace gigscout::testing {

struct TestPki {
    std::filesystem::path ca_cert;  // trust this (FetchPolicy::ca_file)
    TlsIdentity server;             // signed by the CA for the names given and 127.0.0.1
    TlsIdentity untrusted;          // self-signed for the same names: verification must fail
};

// Writes keys and certificates (EC P-256, valid for 2 days) into `dir`. Throws
// std::runtime_error naming the openssl step that failed.
TestPki make_test_pki(const std::filesystem::path& dir, const std::vector<std::string>& dns_names);

}  // namespace gigscout::testing
