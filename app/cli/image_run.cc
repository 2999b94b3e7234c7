#include "app/cli/image_run.h"

#include <cstdio>

#include "quantization/dataset/classification.h"

namespace litescope::cli {

Status FeedImage(Interpreter& it, const std::string& path, const Preprocess& preprocess) {
  if (it.input_count() < 1) return InvalidArgument("the model has no input to feed an image to");
  Tensor& input = *it.input(0);
  Result<ImageGeometry> g = ImageInputGeometry(input);
  if (!g.ok()) return g.status();
  Result<Image> image = LoadImage(path, g->channels);
  if (!image.ok()) return image.status();
  std::printf("image %s: %dx%d, resized to %dx%d\n", path.c_str(), image->width, image->height, g->width, g->height);
  return FillFromImage(ResizeBilinearAntialiased(*image, g->height, g->width), preprocess, input);
}

void PrintTopClasses(const Tensor& scores, const std::vector<std::string>& labels, int k) {
  std::printf("top %d of output '%s':\n", k, scores.name.c_str());
  int rank = 1;
  for (const Ranked& r : TopK(scores, k)) {
    const std::string label = r.index < static_cast<int>(labels.size()) ? labels[static_cast<size_t>(r.index)] : "";
    std::printf("  %d. %5d  %.6f  (raw %g)  %s\n", rank++, r.index, r.score, r.raw, label.c_str());
  }
}

}  // namespace litescope::cli
