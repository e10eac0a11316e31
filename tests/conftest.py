import matplotlib

matplotlib.use("Agg")

import nnbook  # noqa: E402

nnbook.plotting.use_book_style()
