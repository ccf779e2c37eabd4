#include "server/cli.h"

#include <iostream>

int main(int argc, char** argv) {
  return practicum::server::runCli(std::vector<std::string>(argv + 1, argv + argc), std::cin, std::cout, std::cerr);
}
