// litescope-cli sample: the bundled sample model (built by our ModelBuilder) and, with --images, a
// folder of synthetic images (seeded patterns: gradients with discs and bars) to calibrate and
// compare it on — the quick start's data, made here rather than shipped.
#include <stb/stb_image_write.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "resources/samples/sample_models.h"

namespace litescope::cli {
namespace {

constexpr int kSide = 32;  // the sample classifier's input is 1x32x32x3

// Image `index`: a two-colour gradient with a bright disc and a dark bar at seeded places.
std::vector<uint8_t> SyntheticImage(int index) {
  std::mt19937 rng(static_cast<uint32_t>(index) * 7919u + 17u);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  const float c0[3] = {u(rng), u(rng), u(rng)}, c1[3] = {u(rng), u(rng), u(rng)};
  const float cx = kSide * u(rng), cy = kSide * u(rng), radius = 3 + 8 * u(rng);
  const int bar = static_cast<int>(kSide * u(rng));
  std::vector<uint8_t> pixels(kSide * kSide * 3);
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      const float t = static_cast<float>(x + y) / (2 * kSide - 2);
      const bool disc = std::hypot(x - cx, y - cy) < radius, dark = std::abs(x - bar) < 2;
      for (int c = 0; c < 3; ++c) {
        float v = (1 - t) * c0[c] + t * c1[c];
        if (disc) v = 0.5f + 0.5f * v;
        if (dark) v *= 0.25f;
        pixels[static_cast<size_t>((y * kSide + x) * 3 + c)] = static_cast<uint8_t>(std::lround(255 * v));
      }
    }
  }
  return pixels;
}

Status WriteImages(const std::string& dir, int count) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create " + dir + ": " + ec.message());
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "sample_%03d.bmp", i);
    const std::string path = (std::filesystem::path(dir) / name).string();
    const std::vector<uint8_t> pixels = SyntheticImage(i);
    if (stbi_write_bmp(path.c_str(), kSide, kSide, 3, pixels.data()) == 0) return IoError("cannot write " + path);
  }
  return Status::Ok();
}

}  // namespace

int SampleCommand(int argc, char** argv) {
  Args args(argc, argv);
  std::optional<std::string> out = args.Value({"-o", "--output"});
  std::optional<std::string> images = args.Value("--images");
  std::optional<std::string> count = args.Value("--count");
  Status s = args.Finish(0, 0);
  int n = 64;
  if (s.ok() && count) {
    try {
      n = std::stoi(*count);
    } catch (const std::exception&) {
      n = 0;
    }
    if (n <= 0 || n > 100000) s = InvalidArgument("--count wants a number of images (1 to 100000), not '" + *count + "'");
  }
  if (s.ok() && !out && !images) s = InvalidArgument("missing -o FILE or --images DIR");
  if (!s.ok()) {
    std::fprintf(stderr, "sample: %s\nusage: litescope-cli sample [-o FILE] [--images DIR [--count N]]\n", s.message().c_str());
    return 2;
  }
  if (out) {
    if (Status w = SampleClassifier().WriteFile(*out); !w.ok()) {
      std::fprintf(stderr, "error: %s\n", w.message().c_str());
      return 1;
    }
    std::printf("wrote %s\n", out->c_str());
  }
  if (images) {
    if (Status w = WriteImages(*images, n); !w.ok()) {
      std::fprintf(stderr, "error: %s\n", w.message().c_str());
      return 1;
    }
    std::printf("wrote %d images to %s\n", n, images->c_str());
  }
  return 0;
}

}  // namespace litescope::cli
