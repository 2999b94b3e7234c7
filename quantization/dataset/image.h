// Images as models see them: decoding (BMP, PNG, JPEG, through stb_image) to 8-bit RGB or
// greyscale, and resizing with the antialiased bilinear filter of Pillow's Image.resize (the
// preprocessing most published TFLite image goldens, ours included, were made with).
//
//   Result<Image> img = LoadImage("cat.bmp", 3);        // RGB, HWC, uint8
//   Image small = ResizeBilinearAntialiased(*img, 224, 224);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace litescope {

struct Image {
  int height = 0, width = 0, channels = 0;
  std::vector<uint8_t> pixels;  // HWC, row-major
};

// Decodes `path` to `channels` channels: 3 (RGB) or 1 (greyscale as Pillow's convert('L') makes it:
// (19595 R + 38470 G + 7471 B + 2^15) >> 16). Errors name the file and what stb_image reported.
Result<Image> LoadImage(const std::string& path, int channels);

// Pillow's Image.resize((width, height), Image.BILINEAR): each axis separately (horizontal first),
// a triangle filter whose support widens by the shrink factor (antialiasing), taps normalised to
// sum 1 and applied in 22-bit fixed point with rounding, 8-bit results between the passes.
Image ResizeBilinearAntialiased(const Image& in, int height, int width);

}  // namespace litescope
