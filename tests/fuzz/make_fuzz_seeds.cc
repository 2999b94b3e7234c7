// Writes the seed corpus of model_load_fuzzer: small models built with ModelBuilder, one per
// feature of the format the loader handles (control flow, per-channel quantization, custom ops,
// out-of-line buffers, sparsity, signatures and metadata); optionally also every small .tflite
// file under a folder (e.g. ../shared/models), which is read, never copied into the repository.
//
//   make_fuzz_seeds /tmp/litescope-fuzz/seeds [../shared/models]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <flatbuffers/flexbuffers.h>

#include "engine/model/model_builder.h"
#include "resources/samples/sample_models.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
constexpr uintmax_t kMaxSeedBytes = 64 * 1024;  // the -max_len the README runs with

using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
using tflite::TensorType_INT8;

// cond(x) = x < 10 (subgraph 1); body(x) = x + 1 (subgraph 2); then IF(flag) picks
// subgraph 3 (x * 2) or subgraph 4 (x - 1).
ModelBuilder ControlFlow() {
  ModelBuilder b;
  int x = b.AddTensor("x", TensorType_FLOAT32, {1});
  int flag = b.AddTensor("flag", tflite::TensorType_BOOL, {});
  int looped = b.AddTensor("looped", TensorType_FLOAT32, {1});
  int result = b.AddTensor("result", TensorType_FLOAT32, {1});

  int cond = b.AddSubgraph("while_cond");
  int cx = b.AddTensor("x", TensorType_FLOAT32, {1}, 0, {}, cond);
  int ten = b.AddConstTensor("ten", TensorType_FLOAT32, {1}, std::vector<float>{10.0f}, {}, cond);
  int less = b.AddTensor("less", tflite::TensorType_BOOL, {1}, 0, {}, cond);
  b.AddOperator(tflite::BuiltinOperator_LESS, {cx, ten}, {less}, {}, cond);
  b.SetInputs({cx}, cond);
  b.SetOutputs({less}, cond);

  int body = b.AddSubgraph("while_body");
  int bx = b.AddTensor("x", TensorType_FLOAT32, {1}, 0, {}, body);
  int one = b.AddConstTensor("one", TensorType_FLOAT32, {1}, std::vector<float>{1.0f}, {}, body);
  int next = b.AddTensor("next", TensorType_FLOAT32, {1}, 0, {}, body);
  b.AddOperator(tflite::BuiltinOperator_ADD, {bx, one}, {next}, Options(tflite::AddOptionsT{}), body);
  b.SetInputs({bx}, body);
  b.SetOutputs({next}, body);

  auto unary = [&](const char* name, tflite::BuiltinOperator op, float constant) {
    int sg = b.AddSubgraph(name);
    int in = b.AddTensor("x", TensorType_FLOAT32, {1}, 0, {}, sg);
    int c = b.AddConstTensor("c", TensorType_FLOAT32, {1}, std::vector<float>{constant}, {}, sg);
    int out = b.AddTensor("y", TensorType_FLOAT32, {1}, 0, {}, sg);
    b.AddOperator(op, {in, c}, {out}, {}, sg);
    b.SetInputs({in}, sg);
    b.SetOutputs({out}, sg);
    return sg;
  };
  int then_branch = unary("then", tflite::BuiltinOperator_MUL, 2.0f);
  int else_branch = unary("else", tflite::BuiltinOperator_SUB, 1.0f);

  tflite::WhileOptionsT loop;
  loop.cond_subgraph_index = cond;
  loop.body_subgraph_index = body;
  b.AddOperator(tflite::BuiltinOperator_WHILE, {x}, {looped}, Options(loop));
  tflite::IfOptionsT branch;
  branch.then_subgraph_index = then_branch;
  branch.else_subgraph_index = else_branch;
  b.AddOperator(tflite::BuiltinOperator_IF, {flag, looped}, {result}, Options(branch));
  b.SetInputs({x, flag});
  b.SetOutputs({result});
  b.AddSignature("serving_default", 0, {{"x", x}, {"flag", flag}}, {{"result", result}});
  return b;
}

// An int8 CONV_2D with per-channel weight scales (dimension 0) and int32 bias.
ModelBuilder PerChannelQuantized() {
  ModelBuilder b;
  int in = b.AddTensor("input", TensorType_INT8, {1, 8, 8, 2}, 0, {{0.05f}, {-3}});
  std::vector<int8_t> weights(4 * 3 * 3 * 2);
  for (size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<int8_t>(static_cast<int>(i * 7 % 255) - 127);
  QuantParams wq{{0.01f, 0.02f, 0.03f, 0.04f}, {0, 0, 0, 0}, 0};
  int w = b.AddConstTensor("conv/weights", TensorType_INT8, {4, 3, 3, 2}, weights, wq);
  QuantParams bq{{0.0005f, 0.001f, 0.0015f, 0.002f}, {0, 0, 0, 0}, 0};
  int bias = b.AddConstTensor("conv/bias", TensorType_INT32, {4}, std::vector<int32_t>{10, -20, 30, -40}, bq);
  int out = b.AddTensor("output", TensorType_INT8, {1, 8, 8, 4}, 0, {{0.1f}, {5}, 0, {-12.0f}, {13.0f}});
  tflite::Conv2DOptionsT conv;
  conv.padding = tflite::Padding_SAME;
  conv.stride_w = conv.stride_h = 1;
  b.AddOperator(tflite::BuiltinOperator_CONV_2D, {in, w, bias}, {out}, Options(conv), 0, 3);
  b.SetInputs({in});
  b.SetOutputs({out});
  return b;
}

// A custom op with FlexBuffers options, plus a dynamic shape (shape_signature) and a string
// tensor, and a legacy (deprecated_builtin_code only) op code.
ModelBuilder CustomOp() {
  ModelBuilder b;
  int in = b.AddTensor("boxes", TensorType_FLOAT32, {1, 10, 4});
  b.model().subgraphs[0]->tensors[static_cast<size_t>(in)]->shape_signature = {-1, 10, 4};
  int scores = b.AddTensor("scores", TensorType_FLOAT32, {1, 10, 3});
  int labels = b.AddTensor("labels", tflite::TensorType_STRING, {3});
  int out = b.AddTensor("detections", TensorType_FLOAT32, {1, 5, 4});
  flexbuffers::Builder fbb;
  fbb.Map([&] {
    fbb.Int("max_detections", 5);
    fbb.Float("nms_iou_threshold", 0.6f);
    fbb.Bool("use_regular_nms", false);
    fbb.String("mode", "fast");
    fbb.Vector("scales", [&] {
      fbb.Float(10.0f);
      fbb.Float(5.0f);
    });
  });
  fbb.Finish();
  b.AddCustomOperator("TFLite_Detection_PostProcess", {in, scores, labels}, {out}, fbb.GetBuffer());
  int relu = b.AddTensor("relu", TensorType_FLOAT32, {1, 5, 4});
  b.AddOperator(tflite::BuiltinOperator_RELU, {out}, {relu});
  b.model().operator_codes.back()->builtin_code = tflite::BuiltinOperator_ADD;  // legacy file
  b.SetInputs({in, scores});
  b.SetOutputs({relu});
  return b;
}

// A sparse (CSR) constant: a 4x4 matrix with 4 non-zeros.
ModelBuilder Sparse() {
  ModelBuilder b;
  int in = b.AddTensor("input", TensorType_FLOAT32, {1, 4});
  int w = b.AddConstTensor("weights", TensorType_FLOAT32, {4, 4}, std::vector<float>{1, 2, 3, 4});
  auto sparsity = std::make_unique<tflite::SparsityParametersT>();
  sparsity->traversal_order = {0, 1};
  auto dense = std::make_unique<tflite::DimensionMetadataT>();
  dense->format = tflite::DimensionType_DENSE;
  dense->dense_size = 4;
  auto csr = std::make_unique<tflite::DimensionMetadataT>();
  csr->format = tflite::DimensionType_SPARSE_CSR;
  tflite::Int32VectorT segments;
  segments.values = {0, 1, 2, 3, 4};
  csr->array_segments.Set(std::move(segments));
  tflite::Uint8VectorT indices;
  indices.values = {0, 1, 2, 3};
  csr->array_indices.Set(std::move(indices));
  sparsity->dim_metadata.push_back(std::move(dense));
  sparsity->dim_metadata.push_back(std::move(csr));
  b.model().subgraphs[0]->tensors[static_cast<size_t>(w)]->sparsity = std::move(sparsity);
  int out = b.AddTensor("output", TensorType_FLOAT32, {1, 4});
  b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {out},
                Options(tflite::FullyConnectedOptionsT{}));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b;
}

bool WriteBytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

bool WriteSeed(const fs::path& dir, const std::string& name, ModelBuilder builder, const WriteOptions& options = {}) {
  Result<SerializedModel> model = builder.Finish(options);
  if (!model.ok()) {
    std::fprintf(stderr, "make_fuzz_seeds: %s: %s\n", name.c_str(), model.status().message().c_str());
    return false;
  }
  if (!WriteBytes(dir / name, model->Bytes())) {
    std::fprintf(stderr, "make_fuzz_seeds: cannot write %s\n", (dir / name).c_str());
    return false;
  }
  return true;
}

}  // namespace
}  // namespace litescope

int main(int argc, char** argv) {
  using namespace litescope;
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: make_fuzz_seeds OUT_DIR [MODELS_DIR]\n");
    return 2;
  }
  fs::path dir = argv[1];
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "make_fuzz_seeds: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  bool ok = WriteSeed(dir, "sample_classifier.tflite", SampleClassifier()) &&
            WriteSeed(dir, "sample_classifier_out_of_line.tflite", SampleClassifier(), WriteOptions{.inline_limit = 0}) &&
            WriteSeed(dir, "while_if.tflite", ControlFlow()) &&
            WriteSeed(dir, "per_channel_int8.tflite", PerChannelQuantized()) &&
            WriteSeed(dir, "custom_op.tflite", CustomOp()) &&
            WriteSeed(dir, "sparse.tflite", Sparse());
  if (!ok) return 1;
  int copied = 0;
  if (argc == 3) {
    // Extra seeds: small real-world models, named after their path so that they do not collide.
    fs::path models = argv[2];
    if (!fs::is_directory(models, ec)) {
      std::fprintf(stderr, "make_fuzz_seeds: %s is not a folder; only the generated seeds were written\n",
                   models.c_str());
    } else {
      for (const fs::directory_entry& e : fs::recursive_directory_iterator(models, ec)) {
        if (!e.is_regular_file() || e.path().extension() != ".tflite" || e.file_size() > kMaxSeedBytes) continue;
        std::string name = fs::relative(e.path(), models).string();
        for (char& c : name) c = c == '/' ? '_' : c;
        if (fs::copy_file(e.path(), dir / ("shared_" + name), fs::copy_options::overwrite_existing, ec)) ++copied;
      }
    }
  }
  std::printf("make_fuzz_seeds: wrote 6 generated seeds and %d models to %s\n", copied, dir.c_str());
  return 0;
}
