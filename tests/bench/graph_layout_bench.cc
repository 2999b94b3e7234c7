// How fast the desktop app shows a big graph: a generated residual net with branches of 1,000
// and 10,000 operators (SampleResidualNet), from loaded model to interactive view.
//
//   build/release/tests/bench/graph_layout_bench
//
// Benchmarks: BM_SceneBuild (view graph + text measurement + layered layout + edge paths +
// spatial index: everything the app does off the GUI thread after loading), BM_FirstPaint (the
// fitted view of a 1400x900 window painted into an image, as the GUI thread does once the scene
// arrives), and BM_Baseline (building the view graph alone, the cheapest possible graph step,
// measured in the same run). Counters: budget = seconds over the budget (1 s for 1,000
// ops, 5 s for 10,000: below 1 meets it), ranks, dummies, crossings, peak_rss_mb (process peak).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "app/core/graph_painter.h"
#include "app/core/graph_scene.h"
#include "resources/samples/sample_models.h"

namespace litescope {
namespace {

std::shared_ptr<const Model> ResidualNet(int ops) {
  static std::map<int, std::shared_ptr<const Model>> cache;
  auto& m = cache[ops];
  if (!m) {
    Result<SerializedModel> s = SampleResidualNet(ops / 7).Finish();
    Result<std::unique_ptr<Model>> loaded = Model::FromBytes(s->Bytes(), "residual net");
    m = std::move(loaded).value();
  }
  return m;
}

double PeakRssMb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  double kb = 0;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %lf kB", &kb) == 1) break;
  std::fclose(f);
  return kb / 1024;
}

const OpMetadata& Metadata() {
  static const OpMetadata m = OpMetadata::LoadBuiltIn().value();
  return m;
}

void BM_Baseline(benchmark::State& state) {
  const auto model = ResidualNet(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(BuildViewGraph(*model, 0, {}));
}

void BM_SceneBuild(benchmark::State& state) {
  const int ops = static_cast<int>(state.range(0));
  const auto model = ResidualNet(ops);
  std::shared_ptr<const GraphScene> scene;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    scene = GraphScene::Build(*model, 0, {}, Metadata(), {}).value();
    benchmark::DoNotOptimize(scene.get());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
                         static_cast<double>(state.iterations());
  state.counters["ranks"] = scene->layout().ranks;
  state.counters["dummies"] = scene->layout().dummies;
  state.counters["crossings"] = static_cast<double>(scene->layout().crossings);
  state.counters["budget"] = seconds / (ops >= 10000 ? 5.0 : 1.0);
  state.counters["peak_rss_mb"] = PeakRssMb();
}

void BM_FirstPaint(benchmark::State& state) {
  const auto model = ResidualNet(static_cast<int>(state.range(0)));
  const auto scene = GraphScene::Build(*model, 0, {}, Metadata(), {}).value();
  QImage image(1400, 900, QImage::Format_ARGB32_Premultiplied);
  // The view's fit: at least 80 % zoom, from the top of a long graph (GraphView::FitToWindow).
  const double zoom = std::max(0.8, std::min(1400 / scene->bounds().width(), 900 / scene->bounds().height()));
  const QSizeF size(1400 / zoom, 900 / zoom);
  const QRectF visible(FirstScreen(*scene, size), size);
  for (auto _ : state) {
    image.fill(Qt::white);
    QPainter p(&image);
    p.scale(zoom, zoom);
    p.translate(-visible.topLeft());
    PaintGraph(p, *scene, {}, visible, zoom);
  }
}

BENCHMARK(BM_Baseline)->Arg(1001)->Arg(10003)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SceneBuild)->Arg(1001)->Arg(10003)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FirstPaint)->Arg(1001)->Arg(10003)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace litescope

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
