// The ONNX backend test suite (Debian's libonnx-testdata): every model under data/{node,
// pytorch-converted, pytorch-operator, simple} is converted (NCHW I/O), run on every
// test_data_set_* and compared with the expected outputs (float: rtol 1e-3, atol 1e-4; integers
// and booleans exactly). Prints the pass rate over all tests and over the tests whose ops the
// op table claims; fails when a claimed test fails, except for the known exceptions below: an
// explicit list of test names, each with the reason and the text its error must contain.
// LITESCOPE_ONNX_SUITE_VERBOSE=1 prints every excused test with its error.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "converter/frontends/onnx/onnx_frontend.h"
#include "converter/frontends/onnx/onnx_op_table.h"
#include "converter/frontends/onnx/onnx_reader.h"
#include "tests/converter/onnx/onnx_test_util.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
using testing::HostTensor;

const char* kSuiteRoot = "/usr/share/libonnx-testdata/data";

// Why a claimed test may fail: the reason, and the text its error must contain (alternatives
// separated by '|'), so that a listed test that starts failing for another reason is caught.
struct Reason {
  const char* why;
  const char* text;
};
const Reason kFloat64{"no FLOAT64 kernels", "FLOAT64"};
const Reason kHalf{"no FLOAT16 arithmetic, no BFLOAT16 tensors", "FLOAT16"};
const Reason kString{"no STRING tensors", "STRING"};
const Reason kUnsigned{"no UINT16/UINT32/UINT64 kernels", "UINT"};
const Reason kSmallInt{"TFLite's 8/16-bit integer kernels are quantized; these tests use plain integers",
                       "quantized|0 scales|types other than float32"};
const Reason kPowInt64{"POW has no INT64 kernel", "(POW): input 0 is INT64"};
const Reason kTraining{"training mode (random dropout, batch statistics)", "training mode"};
const Reason kRank5{"3-D Conv / ConvTranspose (rank-5 tensors)", "rank 5"};
const Reason kDilation{"dilated ConvTranspose: TRANSPOSE_CONV has no dilation", "dilations other than 1"};
const Reason kPoolIndices{"MaxPool's Indices output", "Indices output"};
const Reason kSequence{"sequence and optional values", "is not a tensor"};
const Reason kResizeScales{"Resize scales at run time: TFLite samples by the size ratio, not the scale", "scales given at run time"};
const Reason kResizeMode{"Resize: cubic, or a coordinate / nearest mode TFLite has no twin for", "mode 'cubic'|coordinate_transformation_mode"};
const Reason kEinsum{"Einsum with an ellipsis", "ellipsis"};
const Reason kGatherNdBatch{"GatherND batch_dims", "batch_dims"};
const Reason kEdgeRuntime{"Pad mode 'edge' with pads given at run time", "mode 'edge' with pads given at run time"};

// Claimed tests (group/name) known to fail. Every other failure of a claimed test fails this test,
// and so does a listed test that passes (remove it) or fails for another reason.
const std::map<std::string, const Reason*> kKnownExceptions = {
    {"node/test_add_uint8", &kSmallInt},
    {"node/test_batchnorm_epsilon_training_mode", &kTraining},
    {"node/test_batchnorm_example_training_mode", &kTraining},
    {"node/test_cast_BFLOAT16_to_FLOAT", &kHalf},
    {"node/test_cast_FLOAT_to_BFLOAT16", &kHalf},
    {"node/test_cast_FLOAT_to_STRING", &kString},
    {"node/test_cast_STRING_to_FLOAT", &kString},
    {"node/test_castlike_BFLOAT16_to_FLOAT", &kHalf},
    {"node/test_castlike_BFLOAT16_to_FLOAT_expanded", &kHalf},
    {"node/test_castlike_FLOAT_to_BFLOAT16", &kHalf},
    {"node/test_castlike_FLOAT_to_BFLOAT16_expanded", &kHalf},
    {"node/test_castlike_FLOAT_to_STRING", &kString},
    {"node/test_castlike_FLOAT_to_STRING_expanded", &kString},
    {"node/test_castlike_STRING_to_FLOAT", &kString},
    {"node/test_castlike_STRING_to_FLOAT_expanded", &kString},
    {"node/test_convtranspose_3d", &kRank5},
    {"node/test_convtranspose_dilations", &kDilation},
    {"node/test_cumsum_1d", &kFloat64},
    {"node/test_cumsum_1d_exclusive", &kFloat64},
    {"node/test_cumsum_1d_reverse", &kFloat64},
    {"node/test_cumsum_1d_reverse_exclusive", &kFloat64},
    {"node/test_cumsum_2d_axis_0", &kFloat64},
    {"node/test_cumsum_2d_axis_1", &kFloat64},
    {"node/test_cumsum_2d_negative_axis", &kFloat64},
    {"node/test_div_uint8", &kSmallInt},
    {"node/test_edge_pad", &kEdgeRuntime},
    {"node/test_einsum_batch_diagonal", &kEinsum},
    {"node/test_einsum_batch_matmul", &kFloat64},
    {"node/test_einsum_inner_prod", &kFloat64},
    {"node/test_einsum_sum", &kFloat64},
    {"node/test_einsum_transpose", &kFloat64},
    {"node/test_gathernd_example_int32_batch_dim1", &kGatherNdBatch},
    {"node/test_identity_opt", &kSequence},
    {"node/test_identity_sequence", &kSequence},
    {"node/test_max_float16", &kHalf},
    {"node/test_max_float64", &kFloat64},
    {"node/test_max_uint16", &kUnsigned},
    {"node/test_max_uint32", &kUnsigned},
    {"node/test_max_uint64", &kUnsigned},
    {"node/test_maxpool_2d_uint8", &kSmallInt},
    {"node/test_maxpool_with_argmax_2d_precomputed_pads", &kPoolIndices},
    {"node/test_maxpool_with_argmax_2d_precomputed_strides", &kPoolIndices},
    {"node/test_min_float16", &kHalf},
    {"node/test_min_float64", &kFloat64},
    {"node/test_min_uint16", &kUnsigned},
    {"node/test_min_uint32", &kUnsigned},
    {"node/test_min_uint64", &kUnsigned},
    {"node/test_mod_mixed_sign_float16", &kHalf},
    {"node/test_mod_mixed_sign_float64", &kFloat64},
    {"node/test_mod_mixed_sign_int16", &kSmallInt},
    {"node/test_mod_mixed_sign_int8", &kSmallInt},
    {"node/test_mod_uint16", &kUnsigned},
    {"node/test_mod_uint32", &kUnsigned},
    {"node/test_mod_uint64", &kUnsigned},
    {"node/test_mod_uint8", &kSmallInt},
    {"node/test_mul_uint8", &kSmallInt},
    {"node/test_pow_types_float", &kPowInt64},
    {"node/test_pow_types_float32_uint64", &kUnsigned},
    {"node/test_pow_types_int64_float32", &kPowInt64},
    {"node/test_pow_types_int64_int64", &kPowInt64},
    {"node/test_reduce_log_sum_exp_default_axes_keepdims_example", &kFloat64},
    {"node/test_reduce_log_sum_exp_default_axes_keepdims_random", &kFloat64},
    {"node/test_reduce_log_sum_exp_do_not_keepdims_example", &kFloat64},
    {"node/test_reduce_log_sum_exp_do_not_keepdims_random", &kFloat64},
    {"node/test_reduce_log_sum_exp_keepdims_example", &kFloat64},
    {"node/test_reduce_log_sum_exp_keepdims_random", &kFloat64},
    {"node/test_reduce_log_sum_exp_negative_axes_keepdims_example", &kFloat64},
    {"node/test_reduce_log_sum_exp_negative_axes_keepdims_random", &kFloat64},
    {"node/test_resize_downsample_scales_cubic", &kResizeScales},
    {"node/test_resize_downsample_scales_cubic_A_n0p5_exclude_outside", &kResizeScales},
    {"node/test_resize_downsample_scales_cubic_align_corners", &kResizeScales},
    {"node/test_resize_downsample_scales_linear", &kResizeScales},
    {"node/test_resize_downsample_scales_linear_align_corners", &kResizeScales},
    {"node/test_resize_downsample_scales_nearest", &kResizeScales},
    {"node/test_resize_downsample_sizes_cubic", &kResizeMode},
    {"node/test_resize_downsample_sizes_linear_pytorch_half_pixel", &kResizeMode},
    {"node/test_resize_downsample_sizes_nearest", &kResizeMode},
    {"node/test_resize_downsample_sizes_nearest_tf_half_pixel_for_nn", &kResizeMode},
    {"node/test_resize_tf_crop_and_resize", &kResizeMode},
    {"node/test_resize_upsample_scales_cubic", &kResizeScales},
    {"node/test_resize_upsample_scales_cubic_A_n0p5_exclude_outside", &kResizeScales},
    {"node/test_resize_upsample_scales_cubic_align_corners", &kResizeScales},
    {"node/test_resize_upsample_scales_cubic_asymmetric", &kResizeScales},
    {"node/test_resize_upsample_scales_linear", &kResizeScales},
    {"node/test_resize_upsample_scales_linear_align_corners", &kResizeScales},
    {"node/test_resize_upsample_scales_nearest", &kResizeScales},
    {"node/test_resize_upsample_sizes_cubic", &kResizeMode},
    {"node/test_resize_upsample_sizes_nearest", &kResizeMode},
    {"node/test_resize_upsample_sizes_nearest_ceil_half_pixel", &kResizeMode},
    {"node/test_resize_upsample_sizes_nearest_floor_align_corners", &kResizeMode},
    {"node/test_resize_upsample_sizes_nearest_round_prefer_ceil_asymmetric", &kResizeMode},
    {"node/test_sub_uint8", &kSmallInt},
    {"node/test_training_dropout", &kTraining},
    {"node/test_training_dropout_default", &kTraining},
    {"node/test_training_dropout_default_mask", &kTraining},
    {"node/test_training_dropout_mask", &kTraining},
    {"node/test_training_dropout_zero_ratio", &kTraining},
    {"node/test_training_dropout_zero_ratio_mask", &kTraining},
    {"node/test_upsample_nearest", &kResizeScales},
    {"pytorch-converted/test_Conv3d", &kRank5},
    {"pytorch-converted/test_Conv3d_dilated", &kRank5},
    {"pytorch-converted/test_Conv3d_dilated_strided", &kRank5},
    {"pytorch-converted/test_Conv3d_groups", &kRank5},
    {"pytorch-converted/test_Conv3d_no_bias", &kRank5},
    {"pytorch-converted/test_Conv3d_stride", &kRank5},
    {"pytorch-converted/test_Conv3d_stride_padding", &kRank5},
    {"pytorch-operator/test_operator_add_broadcast", &kFloat64},
    {"pytorch-operator/test_operator_add_size1_broadcast", &kFloat64},
    {"pytorch-operator/test_operator_add_size1_right_broadcast", &kFloat64},
    {"pytorch-operator/test_operator_add_size1_singleton_broadcast", &kFloat64},
    {"pytorch-operator/test_operator_addconstant", &kFloat64},
};

bool HasReasonText(const std::string& error, const Reason& r) {
  std::string texts = r.text;
  for (size_t start = 0; start <= texts.size();) {
    size_t bar = texts.find('|', start);
    if (bar == std::string::npos) bar = texts.size();
    if (error.find(texts.substr(start, bar - start)) != std::string::npos) return true;
    start = bar + 1;
  }
  return false;
}

Result<HostTensor> ReadPb(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  onnx::TensorProto t;
  if (!in || !t.ParseFromIstream(&in)) return InvalidArgument("cannot parse " + path.string());
  Result<OnnxTensor> r = ReadOnnxTensor(t, path.parent_path().string());
  if (!r.ok()) return r.status();
  return HostTensor{r->type, r->dims, std::move(r->bytes)};
}

std::string Compare(const HostTensor& got, const HostTensor& want) {
  if (got.type != want.type) return std::string("type ") + tflite::EnumNameTensorType(got.type) + " != " + tflite::EnumNameTensorType(want.type);
  int64_t gn = 1, wn = 1;
  for (int32_t d : got.shape) gn *= d;
  for (int32_t d : want.shape) wn *= d;
  if (gn != wn || got.bytes.size() != want.bytes.size()) return "shape " + ShapeString(got.shape) + " != " + ShapeString(want.shape);
  if (got.shape != want.shape && !(got.shape.empty() && want.shape == std::vector<int32_t>{1}))
    return "shape " + ShapeString(got.shape) + " != " + ShapeString(want.shape);
  if (got.type == tflite::TensorType_FLOAT32) {
    const float* g = reinterpret_cast<const float*>(got.bytes.data());
    const float* w = reinterpret_cast<const float*>(want.bytes.data());
    for (int64_t i = 0; i < gn; ++i) {
      if (std::isnan(w[i]) && std::isnan(g[i])) continue;
      if (std::isinf(w[i]) && g[i] == w[i]) continue;
      if (!(std::fabs(g[i] - w[i]) <= 1e-4 + 1e-3 * std::fabs(w[i])))
        return "element " + std::to_string(i) + ": " + std::to_string(g[i]) + " != " + std::to_string(w[i]);
    }
    return "";
  }
  if (got.bytes != want.bytes) return "values differ";
  return "";
}

struct Outcome {
  bool claimed = false;
  bool passed = false;
  std::string error;
  std::set<std::string> unsupported;
};

Outcome RunOne(const fs::path& dir) {
  Outcome o;
  Result<onnx::ModelProto> proto = ReadOnnxModel((dir / "model.onnx").string());
  if (!proto.ok()) {
    o.error = proto.status().message();
    return o;
  }
  o.claimed = true;
  for (const auto& n : proto->graph().node()) {
    if (FindOnnxConverter(n.op_type()) == nullptr || !(n.domain().empty() || n.domain() == "ai.onnx")) {
      o.claimed = false;
      o.unsupported.insert(n.op_type());
    }
  }
  ImportOptions options;
  options.keep_nchw_io = true;
  ConversionReport report;
  Result<ir::Model> model = ImportOnnx((dir / "model.onnx").string(), options, &report);
  if (!model.ok()) {
    o.error = "convert: " + model.status().message();
    return o;
  }
  std::vector<fs::path> sets;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && e.path().filename().string().rfind("test_data_set_", 0) == 0) sets.push_back(e.path());
  std::sort(sets.begin(), sets.end());
  for (const fs::path& set : sets) {
    std::vector<HostTensor> inputs, expected;
    for (int i = 0; fs::exists(set / ("input_" + std::to_string(i) + ".pb")); ++i) {
      Result<HostTensor> t = ReadPb(set / ("input_" + std::to_string(i) + ".pb"));
      if (!t.ok()) {
        o.error = t.status().message();
        return o;
      }
      inputs.push_back(std::move(*t));
    }
    for (int i = 0; fs::exists(set / ("output_" + std::to_string(i) + ".pb")); ++i) {
      Result<HostTensor> t = ReadPb(set / ("output_" + std::to_string(i) + ".pb"));
      if (!t.ok()) {
        o.error = t.status().message();
        return o;
      }
      expected.push_back(std::move(*t));
    }
    Result<std::vector<HostTensor>> got = testing::RunIr(*model, inputs);
    if (!got.ok()) {
      o.error = set.filename().string() + ": run: " + got.status().message();
      return o;
    }
    if (got->size() != expected.size()) {
      o.error = "output count";
      return o;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      const std::string diff = Compare((*got)[i], expected[i]);
      if (!diff.empty()) {
        o.error = set.filename().string() + " output " + std::to_string(i) + ": " + diff;
        return o;
      }
    }
  }
  o.passed = true;
  return o;
}

TEST(OnnxBackendSuite, ClaimedOpsPass) {
  if (!fs::exists(kSuiteRoot)) GTEST_SKIP() << kSuiteRoot << " is absent (install libonnx-testdata)";
  const char* verbose_env = std::getenv("LITESCOPE_ONNX_SUITE_VERBOSE");
  const bool verbose = verbose_env != nullptr && std::string(verbose_env) != "0";
  int total = 0, passed = 0, claimed = 0, claimed_passed = 0, excepted = 0;
  std::map<std::string, int> unsupported, exceptions;
  std::vector<std::string> failures;
  const auto start = std::chrono::steady_clock::now();
  for (const char* group : {"node", "pytorch-converted", "pytorch-operator", "simple"}) {
    const fs::path root = fs::path(kSuiteRoot) / group;
    if (!fs::exists(root)) continue;
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(root))
      if (fs::exists(e.path() / "model.onnx")) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& dir : dirs) {
      const std::string name = dir.filename().string();
      const Outcome o = RunOne(dir);
      ++total;
      passed += o.passed;
      for (const std::string& op : o.unsupported) ++unsupported[op];
      if (!o.claimed) continue;
      ++claimed;
      claimed_passed += o.passed;
      const std::string id = std::string(group) + "/" + name;
      auto known = kKnownExceptions.find(id);
      if (o.passed) {
        if (known != kKnownExceptions.end()) failures.push_back(id + ": passes but is listed as a known exception; remove it");
        continue;
      }
      if (known != kKnownExceptions.end() && HasReasonText(o.error, *known->second)) {
        ++excepted;
        ++exceptions[known->second->why];
        if (verbose) std::cout << "excused " << id << " [" << known->second->why << "]: " << o.error << "\n";
        continue;
      }
      failures.push_back(id + ": " + o.error + (known != kKnownExceptions.end() ? " (listed for: " + std::string(known->second->why) + ")" : ""));
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "ONNX backend suite: " << passed << "/" << total << " passed (" << 100.0 * passed / std::max(total, 1) << "%); claimed "
            << claimed << "/" << total << " (" << 100.0 * claimed / std::max(total, 1) << "%), of which " << claimed_passed << " passed ("
            << 100.0 * claimed_passed / std::max(claimed, 1) << "%), " << excepted << " known exceptions; " << seconds << " s\n";
  std::cout << "unsupported ops (tests):";
  for (const auto& [op, n] : unsupported) std::cout << " " << op << "(" << n << ")";
  std::cout << "\n";
  std::cout << "known exceptions:";
  for (const auto& [why, n] : exceptions) std::cout << " [" << why << ": " << n << "]";
  std::cout << "\n";
  for (const std::string& f : failures) ADD_FAILURE() << f;
}

}  // namespace
}  // namespace litescope
