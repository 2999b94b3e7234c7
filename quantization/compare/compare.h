// Float versus quantized: runs a float model and its quantized twin on the same dataset and
// measures, per output, how far the quantized results are from the float ones; for classifiers,
// accuracy (with labels) or agreement with the float model; per layer, through the quantization
// debugger (debugger.h); and latency, size and op counts of both. A cancellable job.
//
//   CompareOptions o;
//   o.progress = [](int done, int total) { printf("%d/%d\n", done, total); return !stop; };
//   DatasetSpec data{{"val/"}, "range=0:1", 200, 1, "labels.txt"};
//   Result<Comparison> c = Compare("net.tflite", "net_int8.tflite", data, o);
//   printf("SNR %.1f dB\n", c->outputs[0].error.snr_db);
//   Status s = WriteReport(*c, "report.html");   // report.h
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "quantization/compare/debugger.h"
#include "quantization/compare/metrics.h"
#include "quantization/dataset/dataset.h"

namespace litescope {

// Returns false to cancel; called after each step with the steps done and the total.
using ProgressCallback = std::function<bool(int done, int total)>;

struct CompareOptions {
  int threads = 1;         // interpreter threads for both models
  int latency_runs = 20;   // invokes per model for the median latency (after 2 warm-up runs)
  bool layers = true;      // run the per-layer debugger
  int histogram_bins = 41;
  ProgressCallback progress;
};

struct TensorInfo {
  std::string name;
  std::string type;  // "FLOAT32", "INT8", ...
  Shape shape;
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
};

struct ModelInfo {
  std::string path;
  uint64_t file_bytes = 0;
  int op_count = 0;                    // operators of the main subgraph
  std::map<std::string, int> ops;      // by type ("CONV_2D")
  std::vector<TensorInfo> inputs, outputs;
  double latency_ms = 0;               // median of latency_runs invokes on this machine
  double latency_min_ms = 0;
  int latency_runs = 0;
  int threads = 1;
};

struct OutputComparison {
  TensorInfo float_tensor, quant_tensor;
  ErrorMetrics error;   // quantized (dequantized) versus float
  Histogram histogram;  // of quantized - float, every element of every sample
};

struct Accuracy {
  int output = 0;       // the classifier output
  int classes = 0;
  int samples = 0;      // samples compared
  int labelled = 0;     // of them with a label
  // With labels (labelled > 0), over the labelled samples:
  double float_top1 = 0, float_top5 = 0, quant_top1 = 0, quant_top5 = 0;
  // Over all samples: the quantized top-1 equals the float top-1 / the float top-1 is in the
  // quantized top-5.
  double top1_agreement = 0, top5_agreement = 0;
};

struct Comparison {
  ModelInfo float_model, quant_model;
  DatasetNotes dataset;
  std::vector<std::string> data_paths;  // as given (DatasetSpec::paths)
  std::vector<std::string> sample_names;
  std::string preprocess;  // the image preprocessing used ("" without images)
  std::vector<OutputComparison> outputs;
  std::optional<Accuracy> accuracy;  // when output 0 looks like a classifier's scores
  std::vector<LayerComparison> layers;  // by severity (RMSE/scale), worst first
  std::vector<std::string> unmatched_layers;  // quantized tensors with no float counterpart
  std::vector<std::string> warnings;
};

// The reason two models are not the same network (input/output count, shapes), or Ok.
Status CheckSameNetwork(const Model& float_model, const Model& quant_model);

// Runs the comparison. Errors: a model that fails to load or run, different networks (with the
// reason), a dataset that cannot be opened; kCancelled when progress returned false.
Result<Comparison> Compare(const std::string& float_path, const std::string& quant_path, const DatasetSpec& data,
                           const CompareOptions& options = {});
Result<Comparison> Compare(const Model& float_model, const Model& quant_model, const DatasetSpec& data,
                           const CompareOptions& options = {});

}  // namespace litescope
