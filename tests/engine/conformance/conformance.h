// The conformance harness: every optimized kernel against the reference kernels. A case is one
// operator in a model of its own (OpCase); it runs with ReferenceOps() and with BuiltinOps() at 1
// and 2 threads, on the host's best instruction set, with LITESCOPE_CPU=avx2 and with
// LITESCOPE_CPU=generic (the portable path), and every run must give the reference's outputs within a float tolerance (the
// summation order differs).
//
//   OpCase c("conv", tflite::BuiltinOperator_CONV_2D, options);
//   ...
//   ExpectMatchesReference(c);
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "engine/kernels/internal/padding.h"
#include "tests/support/op_case.h"

namespace litescope::testing {

// Sets (or clears, with nullopt) LITESCOPE_CPU for the lifetime of the object.
class ScopedCpuOverride {
 public:
  explicit ScopedCpuOverride(std::optional<std::string> value) {
    if (const char* old = std::getenv("LITESCOPE_CPU")) old_ = old;
    if (value) setenv("LITESCOPE_CPU", value->c_str(), 1);
    else unsetenv("LITESCOPE_CPU");
  }
  ~ScopedCpuOverride() {
    if (old_) setenv("LITESCOPE_CPU", old_->c_str(), 1);
    else unsetenv("LITESCOPE_CPU");
  }
  ScopedCpuOverride(const ScopedCpuOverride&) = delete;
  ScopedCpuOverride& operator=(const ScopedCpuOverride&) = delete;

 private:
  std::optional<std::string> old_;
};

inline void ExpectMatchesReference(OpCase& c, double float_tol = 1e-5) {
  Result<std::vector<NpyArray>> reference = c.RunOurs({}, ReferenceOps());
  ASSERT_TRUE(reference.ok()) << c.name() << ": " << reference.status().message();
  for (const char* isa : {"native", "avx2", "generic"}) {
    ScopedCpuOverride cpu(std::string(isa) == "native" ? std::nullopt : std::optional<std::string>(isa));
    for (int threads : {1, 2}) {
      InterpreterOptions options;
      options.threads = threads;
      Result<std::vector<NpyArray>> ours = c.RunOurs(options, BuiltinOps());
      ASSERT_TRUE(ours.ok()) << c.name() << " (" << isa << ", " << threads << " threads): " << ours.status().message();
      EXPECT_TRUE(OutputsMatch(*ours, *reference, float_tol)) << c.name() << " (" << isa << ", " << threads << " threads)";
    }
  }
}

// Deterministic case generation.
class CaseRandom {
 public:
  explicit CaseRandom(uint32_t seed) : state_(seed * 2654435761u + 12345u) {}
  int Int(int lo, int hi) {  // inclusive
    state_ = state_ * 1664525u + 1013904223u;
    return lo + static_cast<int>((state_ >> 8) % static_cast<uint32_t>(hi - lo + 1));
  }
  tflite::ActivationFunctionType Activation() {
    static const tflite::ActivationFunctionType kAll[] = {
        tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
        tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::ActivationFunctionType_RELU6};
    return kAll[Int(0, 3)];
  }

 private:
  uint32_t state_;
};

inline constexpr auto kSame = tflite::Padding_SAME;
inline constexpr auto kValid = tflite::Padding_VALID;
inline constexpr auto kNone = tflite::ActivationFunctionType_NONE;
inline constexpr auto kRelu = tflite::ActivationFunctionType_RELU;
inline constexpr auto kRelu6 = tflite::ActivationFunctionType_RELU6;
inline constexpr auto kReluN1 = tflite::ActivationFunctionType_RELU_N1_TO_1;

// A CONV_2D or DEPTHWISE_CONV_2D case over an NHWC input.
struct WindowCase {
  int batch, h, w, in_c, out_c, k_h, k_w, stride_h, stride_w, dil_h, dil_w;
  tflite::Padding padding;
  tflite::ActivationFunctionType act;
  bool bias = true;
  bool const_filter = true;
  int groups = 1;  // CONV_2D: the filter has in_c / groups input channels
};

template <typename OptionsT>
OptionsT WindowOptions(const WindowCase& g) {
  OptionsT o;
  o.padding = g.padding;
  o.stride_h = g.stride_h;
  o.stride_w = g.stride_w;
  o.dilation_h_factor = g.dil_h;
  o.dilation_w_factor = g.dil_w;
  o.fused_activation_function = g.act;
  return o;
}

// Builds the case as a one-op model and checks it; false when VALID padding leaves no output.
inline bool CheckWindowCase(tflite::BuiltinOperator op, const WindowCase& g, uint32_t seed) {
  const int out_h = ComputeOutSize(g.padding, g.h, g.k_h, g.stride_h, g.dil_h);
  const int out_w = ComputeOutSize(g.padding, g.w, g.k_w, g.stride_w, g.dil_w);
  if (out_h <= 0 || out_w <= 0) return false;
  const bool depthwise = op == tflite::BuiltinOperator_DEPTHWISE_CONV_2D;
  tflite::BuiltinOptionsUnion options;
  if (depthwise) {
    auto o = WindowOptions<tflite::DepthwiseConv2DOptionsT>(g);
    o.depth_multiplier = g.out_c / g.in_c;
    options = Options(o);
  } else {
    options = Options(WindowOptions<tflite::Conv2DOptionsT>(g));
  }
  const Shape filter_shape = depthwise ? Shape{1, g.k_h, g.k_w, g.out_c} : Shape{g.out_c, g.k_h, g.k_w, g.in_c / g.groups};
  std::string name = std::string(tflite::EnumNameBuiltinOperator(op)) + "_" + std::to_string(seed);
  for (int v : {g.batch, g.h, g.w, g.in_c, g.out_c, g.k_h, g.k_w, g.stride_h, g.stride_w, g.dil_h, g.dil_w}) {
    name += "_" + std::to_string(v);
  }
  OpCase c(name, op, std::move(options));
  c.Input<float>(tflite::TensorType_FLOAT32, {g.batch, g.h, g.w, g.in_c},
                 RandomFloats(static_cast<size_t>(g.batch) * g.h * g.w * g.in_c, seed));
  const std::vector<float> filter = RandomFloats(static_cast<size_t>(ElementCount(filter_shape)), seed + 1);
  if (g.const_filter) c.ConstInput<float>(tflite::TensorType_FLOAT32, filter_shape, filter);
  else c.Input<float>(tflite::TensorType_FLOAT32, filter_shape, filter);
  if (g.bias) c.ConstInput<float>(tflite::TensorType_FLOAT32, {g.out_c}, RandomFloats(static_cast<size_t>(g.out_c), seed + 2));
  else c.OmittedInput();
  c.Output(tflite::TensorType_FLOAT32, {g.batch, out_h, out_w, g.out_c});
  ExpectMatchesReference(c);
  return true;
}

}  // namespace litescope::testing
