// A dataset for calibration and comparison: image folders, image files, .npy and .npz arrays, or
// random inputs when nothing is given; opened for a model's inputs, then fed sample by sample to
// that model or to its quantized twin.
//
//   DatasetSpec spec;
//   spec.paths = {"images/"};
//   spec.preprocess = "range=0:1";
//   Result<Dataset> data = Dataset::Open(spec, float_interpreter);
//   for (int i = 0; i < data->size(); ++i) {
//     Status s = data->Fill(i, quant_interpreter);   // quantized with the twin's input scales
//     quant_interpreter.Invoke();
//   }
//   for (const std::string& w : data->notes().warnings) puts(w.c_str());
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/runtime/interpreter.h"

namespace litescope {

struct DatasetSpec {
  // Image folders (recursive), image files, .npy (one sample, or a batch along axis 0 when its rank
  // is the input's + 1, or when the input's first dimension is 1 and the array's differs), .npz (one
  // array per model input, by input name or in order; batch along axis 0). Empty: random inputs.
  std::vector<std::string> paths;
  std::string preprocess;  // the image preprocessing spec of image_input.h ("range=0:1", ...)
  int samples = 100;       // how many samples to use (fewer available: all of them, noted)
  uint32_t seed = 1;       // for random data and for choosing samples
  // Optional label file (one label per line): an image's label is its parent folder's name looked
  // up in it (case-insensitive); -1 when unknown.
  std::string labels;
  // Random data only: per input, the real range FLOAT32 inputs are drawn from (default [-1, 1]).
  // Comparison sets it to what the quantized twin's inputs represent.
  std::vector<std::pair<float, float>> random_ranges;
};

struct DatasetNotes {
  bool random = false;  // no data was given: random inputs (reports must warn loudly)
  int requested = 0, used = 0;
  int resized = 0;                    // images of another size, resized (Pillow-compatible bilinear)
  std::vector<std::string> skipped;   // "path: why" for unreadable / non-image / wrong-shape files
  std::vector<std::string> warnings;  // human-readable lines for reports
};

class Dataset {
 public:
  // Opens `spec` for the inputs of `model` (normally the FLOAT model; shapes and types come from its
  // input tensors). Images are decoded and resized here, arrays read here, so Fill() only copies.
  // Errors name the file and the problem; a folder with no usable file is an error.
  static Result<Dataset> Open(const DatasetSpec& spec, Interpreter& model);

  Dataset(Dataset&&) noexcept;
  Dataset& operator=(Dataset&&) noexcept;
  ~Dataset();

  int size() const;
  // Writes sample i into the inputs of `it`, which may be another model with the same input shapes
  // (the quantized twin with int8/uint8 inputs): real values are quantized with each input's scale
  // and zero point; images go through FillFromImage.
  Status Fill(int i, Interpreter& it) const;
  const std::string& name(int i) const;  // file name (with "[k]" for a batch element), or "random #i"
  int label(int i) const;                // -1 when unknown
  const DatasetNotes& notes() const;
  // The preprocessing images get, as a spec string ("" for array or random data).
  std::string preprocess() const;

  struct State;

 private:
  explicit Dataset(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace litescope
