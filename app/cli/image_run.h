// `run --image`: feed an image file to a model's first input and print the top classes of its
// first output.
//
//   if (Status s = FeedImage(it, "cat.bmp", preprocess); !s.ok()) ...
//   it.Invoke();
//   PrintTopClasses(*it.output(0), labels, 5);
#pragma once

#include <string>
#include <vector>

#include "engine/runtime/interpreter.h"
#include "quantization/dataset/image_input.h"

namespace litescope::cli {

// Decodes `path`, resizes it (Pillow's antialiased bilinear) to input 0's size and writes it in
// the input's type and quantization (see Preprocess).
Status FeedImage(Interpreter& it, const std::string& path, const Preprocess& preprocess);

// Prints "rank  index  score  raw  label" for the k highest scores of `scores`.
void PrintTopClasses(const Tensor& scores, const std::vector<std::string>& labels, int k);

}  // namespace litescope::cli
