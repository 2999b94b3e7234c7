// The checks ARG_MAX and ARG_MIN share: error cases and the random comparison with TFLite.
//
//   TEST(ArgMax, MatchesTfliteOnRandomCases) {
//     ExpectArgMatchesTflite<tflite::ArgMaxOptionsT>(tflite::BuiltinOperator_ARG_MAX, "arg_max");
//   }
#pragma once

#include <string>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope::testing {

template <typename OptionsT>
tflite::BuiltinOptionsUnion ArgOptions(tflite::TensorType output_type) {
  OptionsT o;
  o.output_type = output_type;
  return Options(o);
}

template <typename OptionsT>
void ExpectArgRejectsBadAxesAndOutputTypes(tflite::BuiltinOperator op) {
  OpCase axis("axis", op, ArgOptions<OptionsT>(tflite::TensorType_INT32));
  axis.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  axis.Input<int32_t>(tflite::TensorType_INT32, {1}, {2});
  axis.Output(tflite::TensorType_INT32, {2});
  ExpectRunError(axis, "axis 2 is out of range for rank 2");

  OpCase type("type", op, ArgOptions<OptionsT>(tflite::TensorType_INT16));
  type.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  type.ConstInput<int32_t>(tflite::TensorType_INT32, {1}, {0});
  type.Output(tflite::TensorType_INT16, {3});
  ExpectRunError(type, "output_type is INT16; INT32 or INT64 expected");
}

// Integer inputs in [-100, 100] along rows of 30-50 values have ties: the first index must win.
template <typename OptionsT>
void ExpectArgMatchesTflite(tflite::BuiltinOperator op, const std::string& name) {
  struct Case {
    tflite::TensorType type, out_type;
    Shape in;
    int axis;
    bool constant;
  };
  const auto i32 = tflite::TensorType_INT32, i64 = tflite::TensorType_INT64, f32 = tflite::TensorType_FLOAT32;
  const Case cases[] = {
      {f32, i32, {4, 7}, 1, true},      {f32, i64, {4, 7}, 0, true},
      {f32, i32, {2, 3, 5}, -2, false}, {f32, i64, {9}, 0, true},
      {tflite::TensorType_INT8, i32, {3, 40}, 1, true}, {tflite::TensorType_UINT8, i64, {50, 2}, 0, true},
      {i32, i32, {2, 2, 30}, 2, true},  {tflite::TensorType_BOOL, i32, {3, 4}, 1, true},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add(name + "_" + std::to_string(batch.size()), op, ArgOptions<OptionsT>(k.out_type));
    RandomInput(c, k.type, k.in, seed++);
    if (k.constant) c.ConstInput<int32_t>(i32, {1}, {k.axis});
    else c.Input<int32_t>(i32, {1}, {k.axis});
    Shape out = k.in;
    out.erase(out.begin() + (k.axis < 0 ? k.axis + static_cast<int>(k.in.size()) : k.axis));
    c.Output(k.out_type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace litescope::testing
