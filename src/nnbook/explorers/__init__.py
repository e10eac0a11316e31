"""책의 탐색기들. 탐색기마다 모듈 하나이고, 각각 매개변수와 상태 하나를 그리는 함수로만 선언한다.

선언의 틀은 ``nnbook.widgets.Explorer``이다. 여기서는 모든 탐색기를 한 이름 공간으로 모은다.
"""

from .activation import activation_explorer
from .convolution import convolution_explorer
from .gate import gate_explorer
from .gradient_descent import gradient_descent_explorer
from .optimizer import optimizer_explorer
from .regularization import regularization_explorer
from .vanishing import vanishing_explorer
from .xor_trainer import xor_trainer_explorer

__all__ = ["gate_explorer", "activation_explorer", "gradient_descent_explorer", "xor_trainer_explorer",
           "vanishing_explorer", "regularization_explorer", "optimizer_explorer", "convolution_explorer"]
