#include "fetch/support/test_pki.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace gigscout::testing {
namespace fs = std::filesystem;
namespace {

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

void run(const std::string& what, const std::string& command) {
    if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
        throw std::runtime_error("test PKI: openssl failed to " + what + ": " + command);
    }
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p);
    out << text;
    if (!out) {
        throw std::runtime_error("test PKI: cannot write " + p.string());
    }
}

}  // namespace

TestPki make_test_pki(const fs::path& dir, const std::vector<std::string>& dns_names) {
    fs::create_directories(dir);
    std::string san = "subjectAltName=IP:127.0.0.1";
    for (const std::string& name : dns_names) {
        san += ",DNS:" + name;
    }
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    TestPki pki;
    pki.ca_cert = dir / "ca.pem";
    fs::path ca_key = dir / "ca.key";
    run("create the CA", "openssl req -x509 " + ec + " -keyout " + quoted(ca_key) + " -out " +
                             quoted(pki.ca_cert) +
                             " -days 2 -subj '/CN=GigScout Test CA'"
                             " -addext 'basicConstraints=critical,CA:TRUE'"
                             " -addext 'keyUsage=critical,keyCertSign,cRLSign'");

    fs::path ext = dir / "server.ext";
    write(ext, san +
                   "\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                   "extendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\n");
    pki.server.key = dir / "server.key";
    pki.server.cert = dir / "server.pem";
    fs::path csr = dir / "server.csr";
    run("create the server key", "openssl req -new " + ec + " -keyout " + quoted(pki.server.key) +
                                     " -out " + quoted(csr) + " -subj '/CN=GigScout test server'");
    run("sign the server certificate", "openssl x509 -req -in " + quoted(csr) + " -CA " +
                                           quoted(pki.ca_cert) + " -CAkey " + quoted(ca_key) +
                                           " -CAcreateserial -days 2 -extfile " + quoted(ext) +
                                           " -out " + quoted(pki.server.cert));

    pki.untrusted.key = dir / "untrusted.key";
    pki.untrusted.cert = dir / "untrusted.pem";
    run("create the untrusted certificate",
        "openssl req -x509 " + ec + " -keyout " + quoted(pki.untrusted.key) + " -out " +
            quoted(pki.untrusted.cert) + " -days 2 -subj '/CN=GigScout untrusted'" + " -addext '" +
            san + "'");
    return pki;
}

}  // namespace gigscout::testing
