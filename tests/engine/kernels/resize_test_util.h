// Cases shared by the tests of RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/op_case.h"

namespace litescope::testing {

template <typename OptionsT>
tflite::BuiltinOptionsUnion ResizeOptions(bool align_corners, bool half_pixel_centers) {
  OptionsT o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel_centers;
  return Options(o);
}

// Runs one resize of `in` (shape {1, 1, w, 1} or the given shape) to `size` through our kernel.
template <typename OptionsT, typename T>
std::vector<T> RunResize(tflite::BuiltinOperator op, tflite::TensorType type, bool align, bool half, Shape in_shape,
                         const std::vector<T>& in, std::vector<int32_t> size) {
  OpCase c("hand", op, ResizeOptions<OptionsT>(align, half));
  c.Input<T>(type, in_shape, in);
  c.ConstInput<int32_t>(tflite::TensorType_INT32, {2}, size);
  c.Output(type, {in_shape[0], size[0], size[1], in_shape[3]});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? Values<T>((*out)[0]) : std::vector<T>{};
}

struct ResizeGeometry {
  Shape in;
  int32_t out_h, out_w;
  bool align, half, const_size;
};

inline std::vector<ResizeGeometry> ResizeGeometries() {
  std::vector<ResizeGeometry> g;
  const bool flags[3][2] = {{false, false}, {true, false}, {false, true}};
  const struct {
    Shape in;
    int32_t h, w;
  } sizes[] = {{{1, 4, 4, 3}, 8, 8}, {{2, 5, 3, 2}, 7, 11}, {{1, 9, 7, 1}, 4, 3}, {{3, 3, 6, 4}, 5, 2},
               {{1, 1, 1, 2}, 3, 4}, {{1, 6, 5, 3}, 1, 1}};
  for (const auto& s : sizes) {
    for (const auto& f : flags) g.push_back({s.in, s.h, s.w, f[0], f[1], true});
  }
  g.push_back({{2, 4, 5, 3}, 9, 6, false, true, false});  // size fed at run time
  g.push_back({{1, 7, 3, 2}, 3, 8, true, false, false});
  return g;
}

template <typename OptionsT, typename T, typename Values>
std::vector<std::unique_ptr<OpCase>> ResizeCases(const std::string& prefix, tflite::BuiltinOperator op,
                                                 tflite::TensorType type, Values values,
                                                 const QuantParams& quant = {}) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 600;
  for (const ResizeGeometry& g : ResizeGeometries()) {
    std::unique_ptr<OpCase> c =
        std::make_unique<OpCase>(prefix + std::to_string(cases.size()), op, ResizeOptions<OptionsT>(g.align, g.half));
    c->Input<T>(type, g.in, values(static_cast<size_t>(ElementCount(g.in)), seed++), quant);
    if (g.const_size) c->ConstInput<int32_t>(tflite::TensorType_INT32, {2}, {g.out_h, g.out_w});
    else c->Input<int32_t>(tflite::TensorType_INT32, {2}, {g.out_h, g.out_w});
    c->Output(type, {g.in[0], g.out_h, g.out_w, g.in[3]}, quant);
    cases.push_back(std::move(c));
  }
  return cases;
}

inline void ExpectResizeCasesMatchTflite(const std::vector<std::unique_ptr<OpCase>>& cases, double float_tol) {
  std::vector<OpCase*> all;
  for (const auto& c : cases) {
    Result<std::vector<NpyArray>> ours = c->RunOurs();
    ASSERT_TRUE(ours.ok()) << c->name() << ": " << ours.status().message();
    all.push_back(c.get());
  }
  ExpectMatchesTflite(all, float_tol);
}

// Prepare errors both resize ops give.
template <typename OptionsT>
void ExpectResizePrepareErrors(tflite::BuiltinOperator op) {
  struct Bad {
    Shape in, size_shape;
    std::vector<int32_t> size;
    const char* message;
  };
  const Bad cases[] = {
      {{2, 2, 1}, {2}, {3, 3}, "rank 4 expected"},
      {{1, 2, 2, 1}, {3}, {3, 3, 1}, "the size input must be INT32 of shape [2]"},
      {{1, 2, 2, 1}, {2}, {-1, 3}, "the size [-1, 3] is negative"},
  };
  for (const Bad& b : cases) {
    OpCase c("bad", op, ResizeOptions<OptionsT>(false, false));
    c.Input<float>(tflite::TensorType_FLOAT32, b.in, RandomFloats(static_cast<size_t>(ElementCount(b.in)), 1));
    c.ConstInput<int32_t>(tflite::TensorType_INT32, b.size_shape, b.size);
    c.Output(tflite::TensorType_FLOAT32, {});
    Result<std::vector<NpyArray>> out = c.RunOurs();
    ASSERT_FALSE(out.ok()) << b.message;
    EXPECT_NE(out.status().message().find(b.message), std::string::npos) << out.status().message();
  }
}

}  // namespace litescope::testing
