// zoom-mock-make-world: writes a fixtures directory holding a generated
// world (the default fixtures' users and tokens plus N generated ones) and
// a copy of the Postman items, for `zoom-mock-server --fixtures DIR`.
//
//   zoom-mock-make-world --fixtures fixtures --users 100000 --tokens 100000 --out DIR
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "world_generator.h"

namespace {

int usage(const std::string& message) {
  std::cerr << "zoom-mock-make-world: " << message << "\n"
            << "usage: zoom-mock-make-world --fixtures DIR --users N --tokens N --out DIR\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path fixtures;
  std::filesystem::path out;
  long users = -1;
  long tokens = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--fixtures") {
      fixtures = value;
    } else if (flag == "--out") {
      out = value;
    } else if (flag == "--users") {
      users = std::strtol(value.c_str(), nullptr, 10);
    } else if (flag == "--tokens") {
      tokens = std::strtol(value.c_str(), nullptr, 10);
    } else {
      return usage("unknown option " + flag);
    }
  }
  if (argc % 2 == 0 || fixtures.empty() || out.empty() || users < 0 || tokens < 0) {
    return usage("every option needs a value");
  }

  std::ifstream base_file(fixtures / "world.json");
  const nlohmann::json base = nlohmann::json::parse(base_file, nullptr, false);
  if (base.is_discarded()) return usage("cannot read " + (fixtures / "world.json").string());

  std::filesystem::create_directories(out);
  std::filesystem::copy(fixtures / "postman", out / "postman",
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::overwrite_existing);
  std::ofstream(out / "world.json")
      << zoom_mock::bench::generate_world(base, static_cast<std::size_t>(users),
                                          static_cast<std::size_t>(tokens))
             .dump()
      << "\n";
  std::cout << "zoom-mock-make-world: " << out.string() << ": " << users << " users, " << tokens
            << " tokens (plus the fixtures' own)\n";
  return 0;
}
