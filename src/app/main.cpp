// lienket: the command-line entry point.
#include <iostream>

#include "app/cli.hpp"

int main(int argc, char** argv) { return lienket::app::RunCli(argc, argv, std::cout, std::cerr); }
