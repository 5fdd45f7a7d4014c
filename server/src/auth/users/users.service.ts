import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { User } from './user.entity.js';

export interface IdentityProfile {
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
}

/** People known to TrustOps. Other modules look people up here rather than reading `users`. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.users.find({ where: { id: In([...ids]) }, order: { name: 'ASC' } });
  }

  /** Creates the person at their first sign-in, or refreshes their name and email from the provider. */
  async provision(profile: IdentityProfile): Promise<User> {
    await this.users
      .createQueryBuilder()
      .insert()
      .values({ ...profile, status: 'active', lastLoginAt: new Date() })
      .orUpdate(['name', 'email', 'last_login_at', 'updated_at'], ['issuer', 'subject'])
      .execute();
    return this.users.findOneByOrFail({ issuer: profile.issuer, subject: profile.subject });
  }

  async setStatus(id: string, status: User['status']): Promise<void> {
    await this.users.update({ id }, { status });
  }
}
