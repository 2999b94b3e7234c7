// Generated inputs for checking a quantization against an official full-int8 model: uniform over
// the real range of that model's int8 input (the range TFLite's converter calibrated), written as
// one .npy batch.
#pragma once

#include <filesystem>
#include <random>

#include "engine/model/npy.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"

namespace litescope::testing {

inline std::filesystem::path WriteUniformBatch(const Model& official_int8, const std::filesystem::path& path, int count, uint32_t seed) {
  auto it = Interpreter::Create(official_int8, BuiltinOps());
  EXPECT_TRUE(it.ok()) << it.status().message();
  if (!it.ok()) return path;
  const Tensor& in = *(*it)->input(0);
  const float lo = static_cast<float>(in.quant.scale[0] * (-128 - in.quant.zero_point[0]));
  const float hi = static_cast<float>(in.quant.scale[0] * (127 - in.quant.zero_point[0]));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  NpyArray a{tflite::TensorType_FLOAT32, {count}, {}};
  for (int32_t d : in.shape) a.shape.push_back(d);
  a.data.resize(static_cast<size_t>(count * in.elements()) * 4);
  float* x = reinterpret_cast<float*>(a.data.data());
  for (size_t i = 0; i < a.data.size() / 4; ++i) x[i] = u(rng);
  EXPECT_TRUE(WriteNpy(path.string(), a).ok());
  return path;
}

}  // namespace litescope::testing
