// Image decoding (stb_image) and Pillow's antialiased bilinear resampling (see image.h), written
// from Pillow's documented algorithm (libImaging/Resample.c): precomputed taps per output pixel,
// normalised, converted to fixed point with 22 fractional bits.
#include "quantization/dataset/image.h"

#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace litescope {
namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

// The taps of one axis: for output index i, `count[i]` weights starting at input index `first[i]`.
struct Taps {
  int size = 0;  // weights per output pixel (the widest window)
  std::vector<int> first, count;
  std::vector<int32_t> weights;  // fixed point, size per output pixel
};

Taps ComputeTaps(int in_size, int out_size) {
  const double scale = static_cast<double>(in_size) / out_size;
  const double filter_scale = std::max(scale, 1.0);
  const double support = 1.0 * filter_scale;  // the triangle filter's support is 1
  Taps t;
  t.size = static_cast<int>(std::ceil(support)) * 2 + 1;
  t.first.resize(out_size);
  t.count.resize(out_size);
  t.weights.assign(static_cast<size_t>(out_size) * t.size, 0);
  std::vector<double> w(t.size);
  for (int i = 0; i < out_size; ++i) {
    const double center = (i + 0.5) * scale;
    const int lo = std::max(static_cast<int>(center - support + 0.5), 0);
    const int hi = std::min(static_cast<int>(center + support + 0.5), in_size);
    const int n = std::min(hi - lo, t.size);
    double sum = 0;
    for (int k = 0; k < n; ++k) {
      const double x = std::fabs((k + lo - center + 0.5) / filter_scale);
      w[k] = x < 1.0 ? 1.0 - x : 0.0;
      sum += w[k];
    }
    for (int k = 0; k < n; ++k) {
      const double normalised = sum != 0.0 ? w[k] / sum : w[k];
      const double fixed = normalised * (1 << kPrecisionBits);
      t.weights[static_cast<size_t>(i) * t.size + k] = static_cast<int32_t>(fixed < 0 ? fixed - 0.5 : fixed + 0.5);
    }
    t.first[i] = lo;
    t.count[i] = n;
  }
  return t;
}

uint8_t Clip8(int64_t acc) { return static_cast<uint8_t>(std::clamp<int64_t>(acc >> kPrecisionBits, 0, 255)); }

// Resamples along one axis: `horizontal` maps width, otherwise height.
Image ResampleAxis(const Image& in, int out_size, bool horizontal) {
  Image out = in;
  (horizontal ? out.width : out.height) = out_size;
  out.pixels.assign(static_cast<size_t>(out.height) * out.width * out.channels, 0);
  const Taps taps = ComputeTaps(horizontal ? in.width : in.height, out_size);
  const int c = in.channels;
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      const int i = horizontal ? x : y;
      const int32_t* w = &taps.weights[static_cast<size_t>(i) * taps.size];
      for (int ch = 0; ch < c; ++ch) {
        int64_t acc = int64_t{1} << (kPrecisionBits - 1);
        for (int k = 0; k < taps.count[i]; ++k) {
          const int src_y = horizontal ? y : taps.first[i] + k, src_x = horizontal ? taps.first[i] + k : x;
          acc += static_cast<int64_t>(in.pixels[(static_cast<size_t>(src_y) * in.width + src_x) * c + ch]) * w[k];
        }
        out.pixels[(static_cast<size_t>(y) * out.width + x) * c + ch] = Clip8(acc);
      }
    }
  }
  return out;
}

}  // namespace

Result<Image> LoadImage(const std::string& path, int channels) {
  if (channels != 1 && channels != 3) {
    return InvalidArgument("cannot make an image with " + std::to_string(channels) + " channels; 1 or 3 expected");
  }
  int w = 0, h = 0, file_channels = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> data(stbi_load(path.c_str(), &w, &h, &file_channels, 3), stbi_image_free);
  if (data == nullptr) return InvalidArgument("cannot decode image " + path + ": " + stbi_failure_reason());
  Image img{h, w, channels, {}};
  const size_t n = static_cast<size_t>(w) * h;
  if (channels == 3) {
    img.pixels.assign(data.get(), data.get() + n * 3);
    return img;
  }
  img.pixels.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const stbi_uc* p = data.get() + i * 3;
    img.pixels[i] = static_cast<uint8_t>((19595u * p[0] + 38470u * p[1] + 7471u * p[2] + 0x8000u) >> 16);
  }
  return img;
}

Image ResizeBilinearAntialiased(const Image& in, int height, int width) {
  Image out = in;
  if (width != in.width) out = ResampleAxis(out, width, true);
  if (height != in.height) out = ResampleAxis(out, height, false);
  return out;
}

}  // namespace litescope
