#pragma once
/// practicum-server's command line: serve (default), migrate, create-user, seed-demo, deliver-mail.

#include <iosfwd>
#include <string>
#include <vector>

namespace practicum::server {

/// Runs one subcommand; returns the process exit code. Streams are parameters so tests can drive it.
int runCli(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace practicum::server
