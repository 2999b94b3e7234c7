// libFuzzer target: untrusted bytes -> Model::FromBytes -> every view the GUI and the CLI use.
//
//   cmake --preset fuzz && cmake --build build/fuzz
//   build/fuzz/tests/fuzz/model_load_fuzzer -dict=tests/fuzz/tflite.dict CORPUS_DIR SEED_DIR
//
// The contract under test (engine/model/model.h): a load either fails with a message, or every
// view can be used without further checks. A model we accepted must also round-trip:
// ModelBuilder::FromModel(model).Finish() gives bytes that load again and summarize the same.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/model_builder.h"
#include "engine/model/options.h"
#include "engine/model/summary.h"

namespace litescope {
namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "model_load_fuzzer: %s\n", what.c_str());
  std::abort();
}

// Reads every byte of a span, so that ASan sees any view pointing outside the input.
uint64_t Touch(std::span<const uint8_t> bytes) {
  uint64_t sum = 0;
  for (uint8_t b : bytes) sum = sum * 31 + b;
  return sum;
}

template <typename T>
uint64_t TouchValues(std::span<const T> values) {
  return Touch({reinterpret_cast<const uint8_t*>(values.data()), values.size_bytes()});
}

// Everything `litescope-cli inspect` and the GUI panels read. Returns a checksum so that the
// reads cannot be optimized away.
uint64_t ExerciseViews(const Model& model) {
  uint64_t sum = model.schema_version() + model.description().size() + model.warnings().size();
  sum += model.min_runtime_version().size();
  for (const OpCode& code : model.op_codes()) sum += OpCodeName(code).size() + code.custom_code.size();
  for (int b = 0; b < model.buffer_count(); ++b) sum += Touch(model.buffer(b));
  for (int g = 0; g < model.subgraph_count(); ++g) {
    SubgraphView sg = model.subgraph(g);
    sum += sg.name().size() + TouchValues(sg.inputs()) + TouchValues(sg.outputs());
    for (int t = 0; t < sg.tensor_count(); ++t) {
      TensorView tensor = sg.tensor(t);
      sum += tensor.name().size() + static_cast<uint64_t>(tensor.type()) + tensor.has_rank() +
             tensor.is_variable() + tensor.is_constant() + static_cast<uint64_t>(tensor.buffer_index()) +
             (tensor.sparsity() != nullptr);
      sum += TouchValues(tensor.shape()) + TouchValues(tensor.shape_signature()) + Touch(tensor.data());
      QuantizationView q = tensor.quantization();
      sum += TouchValues(q.scale) + TouchValues(q.zero_point) + TouchValues(q.min) + TouchValues(q.max);
      sum += static_cast<uint64_t>(q.quantized_dimension) + q.has_custom_details + q.per_channel() + q.empty();
      if (q.per_channel() && static_cast<size_t>(q.quantized_dimension) >= tensor.shape().size() &&
          !tensor.shape().empty()) {
        Fail("tensor " + std::to_string(t) + ": quantized_dimension outside the shape after a successful load");
      }
    }
    for (const OperatorView& op : sg.operators()) {
      sum += op.name().size() + static_cast<uint64_t>(op.builtin()) + static_cast<uint64_t>(op.code().version);
      sum += TouchValues(op.inputs()) + TouchValues(op.outputs()) + TouchValues(op.intermediates());
      sum += Touch(op.custom_options()) + static_cast<uint64_t>(op.custom_options_format());
      sum += static_cast<uint64_t>(op.options_type()) + OptionsTypeName(op).size();
      for (int32_t i : op.inputs()) {
        if (i >= 0) sum += sg.tensor(i).name().size();
      }
      for (int32_t o : op.outputs()) sum += sg.tensor(o).name().size();
    }
  }
  for (const SignatureView& sig : model.signatures()) {
    sum += sig.key.size() + static_cast<uint64_t>(sig.subgraph_index);
    for (const auto* list : {&sig.inputs, &sig.outputs}) {
      for (const SignatureTensor& t : *list) {
        sum += t.name.size() + model.subgraph(sig.subgraph_index).tensor(t.tensor_index).name().size();
      }
    }
  }
  for (const MetadataView& m : model.metadata()) sum += m.name.size() + Touch(m.data);

  // What `litescope-cli inspect` prints, both ways (DecodeOptions runs for every operator).
  ModelSummary summary = Summarize(model);
  sum += SummaryText(summary).size();
  sum += SummaryJson(summary).dump(1).size();
  return sum;
}

// The summary as text, without the two fields that name the file rather than describe the
// model. Compared as text because NaN (a scale the file may hold) never equals itself.
std::string Comparable(const Model& model) {
  nlohmann::json j = SummaryJson(Summarize(model));
  j.erase("file");
  j.erase("file_bytes");
  return j.dump(1);
}

void CheckRoundTrip(const Model& model, const WriteOptions& options, const char* how) {
  Result<SerializedModel> written = ModelBuilder::FromModel(model).Finish(options);
  if (!written.ok()) Fail(std::string("rewriting an accepted model (") + how + ") failed: " + written.status().message());
  Result<std::unique_ptr<Model>> again = Model::FromBytes(written->Bytes(), "round-trip.tflite");
  if (!again.ok()) {
    Fail(std::string("an accepted model does not load again after a rewrite (") + how + "): " +
         again.status().message());
  }
  ExerciseViews(**again);
  if (Comparable(model) != Comparable(**again)) {
    Fail(std::string("the rewritten model (") + how + ") summarizes differently:\n" + Comparable(model) + "\n---\n" +
         Comparable(**again));
  }
}

}  // namespace
}  // namespace litescope

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace litescope;
  Result<std::unique_ptr<Model>> loaded = Model::FromBytes(std::vector<uint8_t>(data, data + size), "fuzz.tflite");
  if (!loaded.ok()) {
    if (loaded.status().message().empty()) Fail("a failed load must say why");
    return 0;
  }
  const Model& model = **loaded;
  volatile uint64_t sink = ExerciseViews(model);
  (void)sink;
  CheckRoundTrip(model, WriteOptions{}, "inline buffers");
  CheckRoundTrip(model, WriteOptions{.inline_limit = 0}, "out-of-line buffers");
  return 0;
}
