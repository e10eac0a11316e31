"""nnbook — 「신경망의 이해」의 모든 장이 함께 쓰는 작은 NumPy 신경망 라이브러리.

퍼셉트론, 활성화 함수, 층(순전파·역전파), 손실 함수, 옵티마이저, 기울기 확인, 탐색기를
각각 이름이 같은 모듈에 둔다. 이름은 강의가 보여 주는 Keras를 따른다.
"""

from . import (activations, augmentation, callbacks, conv, datasets, exercises, gradcheck, initializers, layers,
               losses, optimizers, plotting, preprocessing, regularizers, saving, surfaces, widgets)
from .callbacks import EarlyStopping
from .conv import AveragePooling2D, Conv2D, MaxPooling2D, StochasticPooling2D
from .layers import Activation, BatchNormalization, Dense, Dropout, Flatten, Layer
from .losses import BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError
from .model import History, Sequential, TrainingDiverged
from .saving import ModelFileError, load_model
from .notebook import setup_notebook
from .optimizers import SGD, Adagrad, Adam, RMSprop
from .perceptron import GATE_WEIGHTS, TRUTH_TABLES, Perceptron, PerceptronTraining

__version__ = "0.1.0"

__all__ = [
    "activations", "augmentation", "callbacks", "conv", "datasets", "exercises", "gradcheck", "initializers", "layers",
    "losses", "optimizers", "plotting", "preprocessing", "regularizers", "saving", "surfaces", "widgets",
    "EarlyStopping", "AveragePooling2D", "Conv2D", "MaxPooling2D", "StochasticPooling2D",
    "Activation", "BatchNormalization", "Dense", "Dropout", "Flatten", "Layer",
    "BinaryCrossentropy", "CategoricalCrossentropy", "MeanSquaredError",
    "History", "Sequential", "TrainingDiverged", "load_model", "ModelFileError",
    "setup_notebook", "SGD", "Adagrad", "Adam", "RMSprop",
    "GATE_WEIGHTS", "TRUTH_TABLES", "Perceptron", "PerceptronTraining",
]
