"""nnbook이 Keras와 함께 쓰는 이름과 기본값이 Keras 3에서의 뜻과 같은지 한 표로 확인한다.

표의 각 행은 (무엇, nnbook에서 값을 얻는 방법, Keras 3의 값)이고, 행마다 근거를 주석으로 적는다.
근거는 Keras 3 소스(keras/src/...)의 시그니처나 keras.io 문서다 (2026-11 확인).
"""

import inspect

import pytest

from nnbook import activations, callbacks, conv, initializers, layers, losses, optimizers, regularizers


def default(cls, name):
    """생성자 인자 name의 기본값."""
    return inspect.signature(cls.__init__).parameters[name].default


KERAS_3 = [
    # --- 활성화 함수: keras/src/activations/activations.py, keras/src/layers/activations/leaky_relu.py
    ("이름 'leaky_relu'의 음수 쪽 기울기", lambda: activations.get("leaky_relu").alpha, 0.2),  # leaky_relu(x, negative_slope=0.2)
    ("층 LeakyReLU의 기울기 기본값", lambda: activations.LeakyReLU().alpha, 0.3),  # LeakyReLU(negative_slope=0.3)
    ("이름 'sigmoid'", lambda: (type(activations.get("sigmoid")), activations.get("sigmoid").a), (activations.Sigmoid, 1.0)),
    ("이름 'relu'", lambda: type(activations.get("relu")), activations.ReLU),
    ("이름 'tanh'", lambda: type(activations.get("tanh")), activations.Tanh),
    ("이름 'softmax'", lambda: type(activations.get("softmax")), activations.Softmax),  # softmax(x, axis=-1)
    ("이름 'softplus'", lambda: type(activations.get("softplus")), activations.Softplus),
    ("이름 'linear'과 None", lambda: (type(activations.get("linear")), type(activations.get(None))),
     (activations.Linear, activations.Linear)),
    # --- 손실: keras/src/losses/losses.py (별칭은 ALL_OBJECTS_DICT)
    ("'mse'", lambda: type(losses.get("mse")), losses.MeanSquaredError),
    ("'mae'", lambda: type(losses.get("mae")), losses.MeanAbsoluteError),
    ("'mape'", lambda: type(losses.get("mape")), losses.MeanAbsolutePercentageError),
    ("'msle'", lambda: type(losses.get("msle")), losses.MeanSquaredLogarithmicError),
    ("'binary_crossentropy'", lambda: (type(losses.get("binary_crossentropy")),
                                       losses.get("binary_crossentropy").from_logits), (losses.BinaryCrossentropy, False)),
    ("'categorical_crossentropy'", lambda: (type(losses.get("categorical_crossentropy")),
                                            losses.get("categorical_crossentropy").from_logits),
     (losses.CategoricalCrossentropy, False)),
    ("'sparse_categorical_crossentropy'(정수 레이블)", lambda: losses.get("sparse_categorical_crossentropy").integer_labels,
     True),
    ("손실의 ε (backend.epsilon())", lambda: losses.EPSILON, 1e-7),  # keras/src/backend/config.py _EPSILON = 1e-7
    # --- 옵티마이저: keras/src/optimizers/{sgd,adagrad,rmsprop,adam}.py
    ("SGD", lambda: [default(optimizers.SGD, k) for k in ("learning_rate", "momentum", "nesterov")], [0.01, 0.0, False]),
    ("Adagrad", lambda: [default(optimizers.Adagrad, k) for k in ("learning_rate", "initial_accumulator_value",
                                                                 "epsilon")], [0.001, 0.1, 1e-7]),
    ("RMSprop", lambda: [default(optimizers.RMSprop, k) for k in ("learning_rate", "rho", "momentum", "epsilon",
                                                                 "centered")], [0.001, 0.9, 0.0, 1e-7, False]),
    ("Adam", lambda: [default(optimizers.Adam, k) for k in ("learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad")],
     [0.001, 0.9, 0.999, 1e-7, False]),
    ("옵티마이저 이름", lambda: [type(optimizers.get(n)) for n in ("sgd", "adagrad", "rmsprop", "adam")],
     [optimizers.SGD, optimizers.Adagrad, optimizers.RMSprop, optimizers.Adam]),
    # --- 초기화: keras/src/initializers/{random,constant}_initializers.py
    ("RandomUniform", lambda: [default(initializers.RandomUniform, k) for k in ("minval", "maxval")], [-0.05, 0.05]),
    ("RandomNormal", lambda: [default(initializers.RandomNormal, k) for k in ("mean", "stddev")], [0.0, 0.05]),
    ("TruncatedNormal", lambda: [default(initializers.TruncatedNormal, k) for k in ("mean", "stddev")], [0.0, 0.05]),
    ("Constant", lambda: default(initializers.Constant, "value"), 0.0),
    ("VarianceScaling", lambda: [default(initializers.VarianceScaling, k) for k in ("scale", "mode", "distribution")],
     [1.0, "fan_in", "truncated_normal"]),
    ("'uniform'과 'normal'", lambda: [type(initializers.get(n)) for n in ("uniform", "normal")],
     [initializers.RandomUniform, initializers.RandomNormal]),  # initializers/__init__.py의 별칭
    ("Glorot·He·LeCun", lambda: [(v.scale, v.mode, v.distribution) for v in (
        initializers.GlorotUniform(), initializers.GlorotNormal(), initializers.HeUniform(), initializers.HeNormal(),
        initializers.LecunUniform(), initializers.LecunNormal())],
     [(1.0, "fan_avg", "uniform"), (1.0, "fan_avg", "truncated_normal"), (2.0, "fan_in", "uniform"),
      (2.0, "fan_in", "truncated_normal"), (1.0, "fan_in", "uniform"), (1.0, "fan_in", "truncated_normal")]),
    # --- 규제: keras/src/regularizers/regularizers.py ('l1_l2' 문자열은 l1 = l2 = 0.01)
    ("L1, L2, L1L2", lambda: [default(regularizers.L1, "l1"), default(regularizers.L2, "l2"),
                              default(regularizers.L1L2, "l1"), default(regularizers.L1L2, "l2")], [0.01, 0.01, 0.0, 0.0]),
    ("'l1_l2'", lambda: (regularizers.get("l1_l2").l1, regularizers.get("l1_l2").l2), (0.01, 0.01)),
    # --- 층: keras/src/layers/...
    ("Dense", lambda: [default(layers.Dense, k) for k in ("activation", "use_bias", "kernel_initializer")],
     [None, True, "glorot_uniform"]),
    ("Conv2D", lambda: [default(conv.Conv2D, k) for k in ("strides", "padding", "activation", "use_bias",
                                                          "kernel_initializer")],
     [1, "valid", None, True, "glorot_uniform"]),  # strides=(1, 1)
    ("MaxPooling2D", lambda: [default(conv.MaxPooling2D, k) for k in ("pool_size", "strides", "padding")],
     [2, None, "valid"]),  # pool_size=(2, 2)
    ("AveragePooling2D", lambda: [default(conv.AveragePooling2D, k) for k in ("pool_size", "strides", "padding")],
     [2, None, "valid"]),
    ("BatchNormalization", lambda: [default(layers.BatchNormalization, k) for k in ("momentum", "epsilon", "center",
                                                                                    "scale")],
     [0.99, 0.001, True, True]),
    ("Dropout의 seed", lambda: default(layers.Dropout, "seed"), None),
    # --- 콜백: keras/src/callbacks/early_stopping.py
    ("EarlyStopping", lambda: [default(callbacks.EarlyStopping, k) for k in ("monitor", "patience", "min_delta",
                                                                             "restore_best_weights", "mode")],
     ["val_loss", 0, 0.0, False, "auto"]),
]


@pytest.mark.parametrize("what, value, keras", KERAS_3, ids=[row[0] for row in KERAS_3])
def test_name_or_default_means_what_it_means_in_keras_3(what, value, keras):
    assert value() == keras


def test_leaky_relu_by_name_and_by_class_differ_as_in_keras():
    x = [-10.0, 0.0, 5.0]
    assert list(activations.get("leaky_relu")(x)) == [-2.0, 0.0, 5.0]
    assert list(activations.LeakyReLU()(x)) == [-3.0, 0.0, 5.0]
    assert layers.Dense(2, activation="leaky_relu").activation.alpha == 0.2
