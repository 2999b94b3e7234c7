#include "app/studio/main_window.h"

#include <QAction>
#include <QCheckBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include "app/studio/graph_view.h"
#include "app/studio/model_tab.h"

namespace litescope {
namespace {

constexpr int kMaxRecent = 10;

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), tabs_(new QTabWidget) {
  setWindowTitle(QStringLiteral("Litescope"));
  setAcceptDrops(true);
  resize(1400, 900);
  tabs_->setTabsClosable(true);
  tabs_->setDocumentMode(true);
  setCentralWidget(tabs_);
  connect(tabs_, &QTabWidget::tabCloseRequested, this, [this](int i) {
    QWidget* w = tabs_->widget(i);
    tabs_->removeTab(i);
    w->deleteLater();
  });
  BuildMenus();
  statusBar()->showMessage(tr("Open a .tflite model, or drop one on the window."));
}

void MainWindow::BuildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open model"), {}, tr("TensorFlow Lite models (*.tflite);;All files (*)"));
    for (const QString& f : files) OpenFile(f);
  });
  recent_menu_ = file->addMenu(tr("Open &Recent"));
  UpdateRecent({});
  file->addSeparator();
  file->addAction(tr("&Export Graph…"), QKeySequence(tr("Ctrl+E")), this, [this] {
    ModelTab* tab = current();
    if (tab == nullptr || tab->scene() == nullptr) return;
    const QString out = QFileDialog::getSaveFileName(this, tr("Export graph"), QFileInfo(tab->path()).completeBaseName() + ".svg",
                                                     tr("SVG (*.svg);;PNG (*.png)"));
    if (out.isEmpty()) return;
    if (Status s = tab->Export(out); !s.ok()) ShowError(tr("Export graph"), QString::fromStdString(s.message()));
    else statusBar()->showMessage(tr("graph written to %1").arg(out));
  });
  file->addAction(tr("&Close Tab"), QKeySequence::Close, this, [this] {
    if (tabs_->currentIndex() >= 0) emit tabs_->tabCloseRequested(tabs_->currentIndex());
  });
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QToolBar* bar = addToolBar(tr("View"));
  bar->setMovable(false);
  QMenu* view = menuBar()->addMenu(tr("&View"));
  auto add = [&](const QString& text, const QKeySequence& key, auto fn) {
    QAction* a = view->addAction(text, key, this, fn);
    bar->addAction(a);
    return a;
  };
  add(tr("Fit"), QKeySequence(tr("Ctrl+0")), [this] { if (current()) current()->view()->FitToWindow(); });
  add(tr("Zoom In"), QKeySequence::ZoomIn, [this] { if (current()) current()->view()->ZoomBy(1.25); });
  add(tr("Zoom Out"), QKeySequence::ZoomOut, [this] { if (current()) current()->view()->ZoomBy(0.8); });
  QAction* lr = add(tr("Left to Right"), QKeySequence(tr("Ctrl+L")), [this](bool on) {
    options_.direction = on ? LayoutDirection::kLeftToRight : LayoutDirection::kTopToBottom;
    ApplySceneOptions();
  });
  lr->setCheckable(true);
  QAction* constants = add(tr("Show Weights"), QKeySequence(tr("Ctrl+W")), [this](bool on) {
    options_.show_constants = on;
    ApplySceneOptions();
  });
  constants->setCheckable(true);
  bar->addSeparator();
  QMenu* overlay = menuBar()->addMenu(tr("&Overlay"));
  QAction* load = overlay->addAction(tr("&Load Overlay…"), this, [this] {
    ModelTab* tab = current();
    if (tab == nullptr) return;
    const QString f = QFileDialog::getOpenFileName(this, tr("Load overlay"), {}, tr("Overlay JSON (*.json)"));
    if (f.isEmpty()) return;
    if (Status s = tab->LoadOverlay(f); !s.ok()) ShowError(tr("Load overlay"), QString::fromStdString(s.message()));
  });
  bar->addAction(load);
  overlay->addAction(tr("&Clear Overlay"), this, [this] { if (current()) current()->ClearOverlay(); });
  bar->addSeparator();

  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("Find op, node or tensor (Ctrl+F)"));
  search_->setClearButtonEnabled(true);
  search_->setMaximumWidth(320);
  regex_ = new QCheckBox(tr("Regex"));
  bar->addWidget(search_);
  bar->addWidget(regex_);
  auto* find = new QAction(tr("Find"), this);
  find->setShortcut(QKeySequence::Find);
  connect(find, &QAction::triggered, this, [this] { search_->setFocus(); search_->selectAll(); });
  addAction(find);
  bar->addAction(tr("Previous"), this, [this] { Search(-1); })->setShortcut(QKeySequence::FindPrevious);
  bar->addAction(tr("Next"), this, [this] { Search(1); })->setShortcut(QKeySequence::FindNext);
  connect(search_, &QLineEdit::returnPressed, this, [this] { Search(1); });
}

void MainWindow::Search(int step) {
  ModelTab* tab = current();
  if (tab == nullptr) return;
  const QString text = search_->text();
  if (text != last_search_ || tab->match_count() == 0) {
    last_search_ = text;
    tab->Search(text, regex_->isChecked());
  } else {
    tab->NextMatch(step);
  }
}

ModelTab* MainWindow::current() const { return qobject_cast<ModelTab*>(tabs_->currentWidget()); }

ModelTab* MainWindow::OpenFile(const QString& path) {
  auto* tab = new ModelTab(path, options_);
  const int index = tabs_->addTab(tab, QFileInfo(path).fileName());
  tabs_->setTabToolTip(index, path);
  tabs_->setCurrentIndex(index);
  connect(tab, &ModelTab::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
  connect(tab, &ModelTab::loaded, this, [this, path] { UpdateRecent(path); });
  connect(tab, &ModelTab::failed, this, [this, path](const QString& m) { ShowError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), m); });
  return tab;
}

void MainWindow::ShowError(const QString& title, const QString& message) {
  last_error_ = message;
  statusBar()->showMessage(message);
  if (quiet_errors_) return;
  auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::UpdateRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value("recent").toStringList();
  if (!path.isEmpty()) {
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue("recent", recent);
  }
  recent_menu_->clear();
  for (const QString& f : recent) recent_menu_->addAction(f, this, [this, f] { OpenFile(f); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

void MainWindow::ApplySceneOptions() {
  for (int i = 0; i < tabs_->count(); ++i)
    if (auto* tab = qobject_cast<ModelTab*>(tabs_->widget(i))) tab->SetSceneOptions(options_);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) OpenFile(url.toLocalFile());
  event->acceptProposedAction();
}

}  // namespace litescope
