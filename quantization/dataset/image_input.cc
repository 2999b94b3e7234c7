#include "quantization/dataset/image_input.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace litescope {
namespace {

Result<std::array<float, 3>> ParseTriple(const std::string& key, const std::string& text) {
  std::array<float, 3> v{};
  std::stringstream in(text);
  std::string item;
  int n = 0;
  while (std::getline(in, item, ':')) {
    char* end = nullptr;
    const float f = std::strtof(item.c_str(), &end);
    if (item.empty() || *end != '\0' || !std::isfinite(f) || n == 3) {
      return InvalidArgument("--preprocess: " + key + "=" + text + " needs 1 or 3 numbers separated by ':'");
    }
    v[n++] = f;
  }
  if (n == 1) v = {v[0], v[0], v[0]};
  if (n != 1 && n != 3) return InvalidArgument("--preprocess: " + key + "=" + text + " needs 1 or 3 numbers");
  return v;
}

}  // namespace

Result<Preprocess> ParsePreprocess(const std::string& spec) {
  Preprocess p;
  p.given = true;
  std::stringstream in(spec);
  std::string item;
  while (std::getline(in, item, ',')) {
    const size_t eq = item.find('=');
    const std::string key = item.substr(0, eq), value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (key == "range") {
      float lo = 0, hi = 0;
      char colon = 0, extra = 0;
      if (std::sscanf(value.c_str(), "%f%c%f%c", &lo, &colon, &hi, &extra) != 3 || colon != ':' || !(lo < hi)) {
        return InvalidArgument("--preprocess: range=" + value + " needs LO:HI with LO < HI, e.g. range=-1:1");
      }
      p.lo = lo, p.hi = hi;
    } else if (key == "mean" || key == "std") {
      Result<std::array<float, 3>> v = ParseTriple(key, value);
      if (!v.ok()) return v.status();
      (key == "mean" ? p.mean : p.std) = *v;
    } else if (key == "order" && (value == "rgb" || value == "bgr")) {
      p.bgr = value == "bgr";
    } else {
      return InvalidArgument("--preprocess: unknown item '" + item + "' (range=LO:HI, mean=R:G:B, std=R:G:B, order=rgb|bgr)");
    }
  }
  if (p.mean.has_value() != p.std.has_value()) return InvalidArgument("--preprocess: mean and std go together");
  if (p.std && std::any_of(p.std->begin(), p.std->end(), [](float s) { return s == 0.0f; })) {
    return InvalidArgument("--preprocess: std must not be 0");
  }
  return p;
}

Result<ImageGeometry> ImageInputGeometry(const Tensor& input) {
  const Shape& s = input.shape;
  const bool types = input.type == tflite::TensorType_FLOAT32 || input.type == tflite::TensorType_UINT8 ||
                     input.type == tflite::TensorType_INT8;
  if (s.size() != 4 || s[0] != 1 || (s[3] != 1 && s[3] != 3) || s[1] < 1 || s[2] < 1 || !types) {
    return InvalidArgument("input '" + input.name + "' is " + tflite::EnumNameTensorType(input.type) + ShapeString(s) +
                           "; an image input is [1, height, width, 1 or 3] of FLOAT32, UINT8 or INT8");
  }
  return ImageGeometry{s[1], s[2], s[3]};
}

Status FillFromImage(const Image& image, const Preprocess& p, Tensor& input) {
  Result<ImageGeometry> g = ImageInputGeometry(input);
  if (!g.ok()) return g.status();
  if (image.height != g->height || image.width != g->width || image.channels != g->channels) {
    return InvalidArgument("the image is " + std::to_string(image.height) + "x" + std::to_string(image.width) + "x" +
                           std::to_string(image.channels) + ", the input takes " + ShapeString(input.shape));
  }
  const int c = image.channels;
  auto real = [&](size_t i) {
    const size_t pixel = i / c;
    const int ch = static_cast<int>(i % c);
    const int src = p.bgr && c == 3 ? 2 - ch : ch;
    const float v = image.pixels[pixel * c + src];
    return p.mean ? (v - (*p.mean)[ch]) / (*p.std)[ch] : p.lo + v * (p.hi - p.lo) / 255.0f;
  };
  const size_t n = image.pixels.size();
  if (input.type == tflite::TensorType_FLOAT32) {
    float* x = input.data<float>();
    for (size_t i = 0; i < n; ++i) x[i] = real(i);
    return Status::Ok();
  }
  const bool u8 = input.type == tflite::TensorType_UINT8;
  if (!p.given) {  // raw pixels (UINT8) or pixels - 128 (INT8)
    for (size_t i = 0; i < n; ++i) {
      const int v = image.pixels[i] - (u8 ? 0 : 128);
      if (u8) input.data<uint8_t>()[i] = static_cast<uint8_t>(v);
      else input.data<int8_t>()[i] = static_cast<int8_t>(v);
    }
    return Status::Ok();
  }
  if (input.quant.scale.size() != 1 || input.quant.zero_point.size() != 1 || !(input.quant.scale[0] > 0)) {
    return InvalidArgument("input '" + input.name + "' has no single positive scale to quantize the image with");
  }
  const float scale = input.quant.scale[0];
  const auto zp = static_cast<float>(input.quant.zero_point[0]);
  const float lo = u8 ? 0.0f : -128.0f, hi = u8 ? 255.0f : 127.0f;
  for (size_t i = 0; i < n; ++i) {
    const float q = std::clamp(std::round(real(i) / scale) + zp, lo, hi);
    if (u8) input.data<uint8_t>()[i] = static_cast<uint8_t>(q);
    else input.data<int8_t>()[i] = static_cast<int8_t>(q);
  }
  return Status::Ok();
}

}  // namespace litescope
