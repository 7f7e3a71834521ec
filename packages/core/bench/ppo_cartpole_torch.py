"""A CleanRL-style ppo.py in PyTorch, one thread: PPO on CartPole-v1, written for Critic's core
benchmark (not CleanRL's code) to measure its training steps/s on the same machine in the same run.

It follows CleanRL ppo.py's defaults: 4 Gymnasium SyncVectorEnv envs, 128 steps per rollout,
separate 64-64 tanh actor and critic with orthogonal init, Adam lr 2.5e-4 annealed linearly,
GAE(γ 0.99, λ 0.95), 4 epochs × 4 minibatches, clip 0.2 (with the clipped value loss), entropy 0.01,
value coefficient 0.5, grad-norm clip 0.5, advantage normalization per minibatch.
Prints {"torch": version, "steps": n, "seconds": s, "sps": n/s, "cpuSeconds": c, "cpuSps": n/c,
"meanReturnLast20": r} (c: the process's CPU time, user + system).
Usage: python ppo_cartpole_torch.py TOTAL_STEPS SEED
"""

import json
import sys
import time

import gymnasium as gym
import numpy as np
import torch
from torch import nn

NUM_ENVS, NUM_STEPS, EPOCHS, MINIBATCHES = 4, 128, 4, 4
GAMMA, LAMBDA, CLIP, ENT, VF, MAX_GRAD, LR = 0.99, 0.95, 0.2, 0.01, 0.5, 0.5, 2.5e-4


def dense(n_in, n_out, gain):
    layer = nn.Linear(n_in, n_out)
    nn.init.orthogonal_(layer.weight, gain)
    nn.init.zeros_(layer.bias)
    return layer


class ActorCritic(nn.Module):
    def __init__(self, obs_size, n_actions):
        super().__init__()
        g = np.sqrt(2)
        self.actor = nn.Sequential(dense(obs_size, 64, g), nn.Tanh(), dense(64, 64, g), nn.Tanh(), dense(64, n_actions, 0.01))
        self.critic = nn.Sequential(dense(obs_size, 64, g), nn.Tanh(), dense(64, 64, g), nn.Tanh(), dense(64, 1, 1.0))

    def value(self, x):
        return self.critic(x).squeeze(-1)

    def act(self, x, action=None):
        dist = torch.distributions.Categorical(logits=self.actor(x))
        if action is None:
            action = dist.sample()
        return action, dist.log_prob(action), dist.entropy(), self.value(x)


def main() -> None:
    total, seed = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    envs = gym.vector.SyncVectorEnv(
        [lambda: gym.wrappers.RecordEpisodeStatistics(gym.make("CartPole-v1")) for _ in range(NUM_ENVS)],
        autoreset_mode=gym.vector.AutoresetMode.SAME_STEP,
    )
    agent = ActorCritic(4, 2)
    opt = torch.optim.Adam(agent.parameters(), lr=LR, eps=1e-5)
    obs_buf = torch.zeros((NUM_STEPS, NUM_ENVS, 4))
    act_buf = torch.zeros((NUM_STEPS, NUM_ENVS), dtype=torch.long)
    logp_buf = torch.zeros((NUM_STEPS, NUM_ENVS))
    rew_buf = torch.zeros((NUM_STEPS, NUM_ENVS))
    done_buf = torch.zeros((NUM_STEPS, NUM_ENVS))
    val_buf = torch.zeros((NUM_STEPS, NUM_ENVS))
    obs, _ = envs.reset(seed=seed)
    obs = torch.tensor(obs, dtype=torch.float32)
    done = torch.zeros(NUM_ENVS)
    batch = NUM_ENVS * NUM_STEPS
    iterations = total // batch
    returns = []
    step = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    for it in range(iterations):
        opt.param_groups[0]["lr"] = (1.0 - it / iterations) * LR
        for t in range(NUM_STEPS):
            step += NUM_ENVS
            obs_buf[t], done_buf[t] = obs, done
            with torch.no_grad():
                a, logp, _, v = agent.act(obs)
            act_buf[t], logp_buf[t], val_buf[t] = a, logp, v
            nobs, r, term, trunc, info = envs.step(a.numpy())
            rew_buf[t] = torch.tensor(r, dtype=torch.float32)
            obs = torch.tensor(nobs, dtype=torch.float32)
            done = torch.tensor(np.logical_or(term, trunc), dtype=torch.float32)
            final = info.get("final_info", info)  # SAME_STEP autoreset files the ended episode's info here
            if "episode" in final:
                returns.extend(float(x) for x, m in zip(final["episode"]["r"], final["_episode"]) if m)
        with torch.no_grad():
            next_v = agent.value(obs)
            adv = torch.zeros_like(rew_buf)
            last = 0.0
            for t in reversed(range(NUM_STEPS)):
                nonterminal = 1.0 - (done if t == NUM_STEPS - 1 else done_buf[t + 1])
                nv = next_v if t == NUM_STEPS - 1 else val_buf[t + 1]
                delta = rew_buf[t] + GAMMA * nv * nonterminal - val_buf[t]
                last = delta + GAMMA * LAMBDA * nonterminal * last
                adv[t] = last
            ret = adv + val_buf
        b_obs, b_act, b_logp = obs_buf.reshape(-1, 4), act_buf.reshape(-1), logp_buf.reshape(-1)
        b_adv, b_ret, b_val = adv.reshape(-1), ret.reshape(-1), val_buf.reshape(-1)
        mb = batch // MINIBATCHES
        for _ in range(EPOCHS):
            perm = torch.randperm(batch)
            for s in range(0, batch, mb):
                i = perm[s : s + mb]
                _, logp, ent, v = agent.act(b_obs[i], b_act[i])
                ratio = (logp - b_logp[i]).exp()
                a = b_adv[i]
                a = (a - a.mean()) / (a.std() + 1e-8)
                pg = torch.max(-a * ratio, -a * ratio.clamp(1 - CLIP, 1 + CLIP)).mean()
                v_clipped = b_val[i] + (v - b_val[i]).clamp(-CLIP, CLIP)
                v_loss = 0.5 * torch.max((v - b_ret[i]) ** 2, (v_clipped - b_ret[i]) ** 2).mean()
                loss = pg - ENT * ent.mean() + VF * v_loss
                opt.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), MAX_GRAD)
                opt.step()
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    tail = returns[-20:]
    print(json.dumps({
        "torch": torch.__version__,
        "steps": step,
        "seconds": seconds,
        "sps": step / seconds,
        "cpuSeconds": cpu_seconds,
        "cpuSps": step / cpu_seconds,
        "meanReturnLast20": sum(tail) / len(tail) if tail else None,
    }))


if __name__ == "__main__":
    main()
