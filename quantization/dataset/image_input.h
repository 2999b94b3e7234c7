// Feeding an image to a model input: the preprocessing spec users give (`run --image`, and the
// quantizer's and comparison's datasets), and the conversion of 8-bit pixels to the input
// tensor's type and quantization.
//
//   Result<Preprocess> p = ParsePreprocess("range=-1:1");   // or mean=..,std=..,order=bgr
//   Result<ImageGeometry> g = ImageInputGeometry(*it.input(0));
//   Result<Image> img = LoadImage(path, g->channels);
//   Status s = FillFromImage(ResizeBilinearAntialiased(*img, g->height, g->width), *p, *it.input(0));
#pragma once

#include <array>
#include <optional>
#include <string>

#include "engine/base/status.h"
#include "engine/runtime/tensor.h"
#include "quantization/dataset/image.h"

namespace litescope {

// How a pixel p in [0, 255] becomes a real value: (p - mean[c]) / std[c] when mean/std are given,
// else lo + p * (hi - lo) / 255 for range=lo:hi; order=bgr swaps the channels first.
// Without a spec: FLOAT32 inputs get range -1:1; UINT8 inputs the raw pixels and INT8 inputs
// p - 128 (what image models quantized with scale 1/128 or 1/255 and those zero points expect).
// With a spec, quantized inputs get the real value quantized with the input's scale and zero point.
struct Preprocess {
  bool given = false;
  float lo = -1.0f, hi = 1.0f;
  std::optional<std::array<float, 3>> mean, std;
  bool bgr = false;
};

// Parses "range=-1:1", "range=0:1", "mean=123.7:116.3:103.5,std=58.4:57.1:57.4", "order=bgr"
// (items separated by commas; mean and std take one value or one per channel).
Result<Preprocess> ParsePreprocess(const std::string& spec);

struct ImageGeometry {
  int height = 0, width = 0, channels = 0;
};

// The image size an input takes: [1, H, W, C] with C 1 or 3, of type FLOAT32, UINT8 or INT8.
Result<ImageGeometry> ImageInputGeometry(const Tensor& input);

// Writes `image` (already H x W x C of the input) into `input` as described above.
Status FillFromImage(const Image& image, const Preprocess& p, Tensor& input);

}  // namespace litescope
